"""The parts of `newsgen.build`: options and stage functions, the per-file stage, the process
pool, rendering into the output, whole-site loading and one-file inspection."""
