"""`newsgen.model.quicken`: the quicker `__init__` behaves exactly like the dataclass's own."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pickle
from pathlib import Path

import pytest

import newsgen.index.model
import newsgen.model
import newsgen.pages.context
from newsgen.cache import dumps
from newsgen.model import Article, ArticleMention, Image, Quote, SourceInfo, quicken


def _twin(cls: type) -> type:
    """A plain frozen, slotted dataclass with the fields of `cls`, its generated `__init__` kept."""
    fields = [
        (f.name, f.type, dataclasses.field(default=f.default))
        if f.default is not dataclasses.MISSING
        else (f.name, f.type)
        for f in dataclasses.fields(cls)
    ]
    return dataclasses.make_dataclass(cls.__name__, fields, frozen=True, slots=True)


def _dataclasses(module: object) -> list[type]:
    return [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and dataclasses.is_dataclass(value)
        and value.__module__ == module.__name__  # type: ignore[attr-defined]
    ]


def _quickening_modules() -> list[object]:
    """The modules of newsgen that quicken their dataclasses."""
    root = Path(newsgen.model.__file__).parent
    names = [
        "newsgen." + ".".join(path.relative_to(root).with_suffix("").parts)
        for path in sorted(root.rglob("*.py"))
        if "quicken_module(globals())" in path.read_text(encoding="utf-8")
    ]
    return [importlib.import_module(name) for name in names]


def _is_quickened(cls: type) -> bool:
    return "_set0" in getattr(cls.__init__, "__code__").co_names  # slot setters, not object.__setattr__


QUICKENED = [
    cls for module in _quickening_modules() for cls in _dataclasses(module) if _is_quickened(cls)
]


def test_the_data_modules_quicken_every_dataclass() -> None:
    data = (newsgen.model, newsgen.index.model, newsgen.pages.context)
    assert set(data) <= set(_quickening_modules())
    assert [cls for module in data for cls in _dataclasses(module) if not _is_quickened(cls)] == []
    # and the per-file and per-page ones of other stages
    names = {f"{cls.__module__}.{cls.__qualname__}" for cls in QUICKENED}
    assert {"newsgen.cache.CachedFile", "newsgen.loader.article.LoadResult", "newsgen.pages.common.Page"} <= names


@pytest.mark.parametrize("cls", QUICKENED, ids=lambda cls: f"{cls.__module__}.{cls.__qualname__}")
def test_quickened_inits_take_the_parameters_of_the_generated_ones(cls: type) -> None:
    twin = _twin(cls)
    theirs = inspect.signature(twin.__init__).parameters.values()
    ours = inspect.signature(cls.__init__).parameters.values()
    assert [(p.name, p.default, p.kind) for p in ours] == [(p.name, p.default, p.kind) for p in theirs]


def test_positional_keyword_and_default_arguments_set_the_same_fields() -> None:
    source = SourceInfo("content/a.txt", "text", "utf-8", "abc")
    made = Article(source, "Harbour reopens", tags=("port",), word_count=12)
    assert (made.source, made.title, made.tags, made.word_count) == (source, "Harbour reopens", ("port",), 12)
    assert made.standfirst is None and made.mentions == () and made.section == ""
    twin = _twin(Article)
    expected = twin(source, "Harbour reopens", tags=("port",), word_count=12)
    assert dataclasses.astuple(made) == dataclasses.astuple(expected)
    assert Image("Quay at dawn", credit="AP") == Image(caption="Quay at dawn", credit="AP", src=None)


def test_quickened_objects_stay_frozen_hashable_and_replaceable() -> None:
    mention = ArticleMention("Ilse Marten", "person", 2, 10, 21)
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.start = 0  # type: ignore[misc]
    assert hash(mention) == hash(ArticleMention("Ilse Marten", "person", 2, 10, 21))
    moved = dataclasses.replace(mention, start=11, end=22)
    assert (moved.name, moved.start, moved.end) == ("Ilse Marten", 11, 22)
    assert pickle.loads(dumps(moved)) == moved
    assert pickle.loads(pickle.dumps(Quote("Open", "Ilse Marten", 1))) == Quote("Open", "Ilse Marten", 1)


def test_wrong_arguments_fail_as_with_the_generated_init() -> None:
    with pytest.raises(TypeError, match="missing 4 required positional arguments"):
        ArticleMention("Ilse Marten")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        Image("Quay", colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="takes from 2 to 5 positional arguments"):
        Image("a", "b", "c", "d", "e")  # type: ignore[call-arg]


def test_classes_it_cannot_match_keep_the_generated_init() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class WithFactory:
        items: tuple[int, ...] = dataclasses.field(default_factory=tuple)

    @dataclasses.dataclass(frozen=True, slots=True)
    class WithPostInit:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    @dataclasses.dataclass(slots=True)
    class NotFrozen:
        value: int

    for cls in (WithFactory, WithPostInit, NotFrozen):
        generated = cls.__init__
        assert quicken(cls).__init__ is generated
    with pytest.raises(ValueError):
        WithPostInit(-1)


def test_a_subclass_is_quickened_with_its_inherited_fields() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Base:
        name: str

    @dataclasses.dataclass(frozen=True, slots=True)
    class Child(Base):
        count: int = 0

    quicken(Child)
    assert _is_quickened(Child)
    made = Child("Ilse", 2)
    assert (made.name, made.count) == ("Ilse", 2) and Child("Ilse") == Child("Ilse", 0)
