"""treatytrack.core.regions: the UN M49 grouping of the per-state chart."""

from __future__ import annotations

from treatytrack.core.regions import M49, NOT_IN_M49, Order, group_states, place_of
from treatytrack.core.standing import StateHistory, states_of
from treatytrack.store.load import load_dataset
from treatytrack.store.paths import bundled_path


def test_every_state_in_every_bundled_table_has_a_un_region() -> None:
    dataset = load_dataset(bundled_path())
    history = StateHistory(dataset.state_history)
    organisations = {org.code for org in dataset.non_state_parties}
    for treaty in dataset.treaties:
        for code in states_of(treaty, history):
            assert code in organisations or place_of(code) is not None, (treaty.id, code)


def test_m49_table_is_one_place_per_code() -> None:
    codes = [code for subs in M49.values() for members in subs.values() for code in members]
    assert len(codes) == len(set(codes)) > 240
    assert not set(codes) & set(NOT_IN_M49)
    assert place_of("NRU") == ("Oceania", "Micronesia")  # M49 (one copy has Polynesia)
    assert place_of("CYP") == ("Asia", "Western Asia") and place_of("MEX") == ("Americas", "Central America")
    assert place_of("SUN") == ("Europe", "Eastern Europe") and place_of("EU") is None


def test_group_states_orders_regions_then_subregions_then_names() -> None:
    names = {"EST": "Estonia", "FIN": "Finland", "CAN": "Canada", "AUT": "Austria", "EU": "European Union"}
    names |= {"XXX": "Atlantis", "BRA": "Brazil"}
    groups = group_states(names, names, Order.REGION, organisations={"EU"})
    assert [(g.region, g.subregion, g.codes) for g in groups] == [
        ("Americas", "Northern America", ["CAN"]),
        ("Americas", "South America", ["BRA"]),
        ("Europe", "Northern Europe", ["EST", "FIN"]),
        ("Europe", "Western Europe", ["AUT"]),
        ("International organisations", None, ["EU"]),
        ("Not in a UN region", None, ["XXX"]),
    ]
    (alphabetical,) = group_states(names, names, Order.NAME)
    assert alphabetical.region is None and alphabetical.codes == ["XXX", "AUT", "BRA", "CAN", "EST", "EU", "FIN"]
