from testdata.synthetic_persons import generate
from zicht.matching import blocking
from zicht.matching import features as feat
from zicht.matching.blocking import blocking_rules_for, pairs_made_by


def test_pairs_made_by_counts_the_pairs_in_the_blocks_of_a_rule():
    records = generate(3_000, seed=3).drop(columns=["person_id"])
    feats = feat.features(records)
    rows = feats.to_dict("records")

    def brute(test) -> int:
        return sum(1 for i, a in enumerate(rows) for b in rows[i + 1 :] if test(a, b))

    def same(*cols):
        return lambda a, b: all(a[c] is not None and a[c] == b[c] for c in cols)

    assert pairs_made_by(feats, "l.fn_key = r.fn_key AND l.dob_y = r.dob_y") == brute(
        same("fn_key", "dob_y")
    )
    assert pairs_made_by(
        feats, "l.ln_key = r.ln_key AND substr(l.fn_key, 1, 2) = substr(r.fn_key, 1, 2)"
    ) == brute(
        lambda a, b: (
            same("ln_key")(a, b)
            and a["fn_key"] is not None
            and b["fn_key"] is not None
            and a["fn_key"][:2] == b["fn_key"][:2]
        )
    )
    # a rule across columns: half the ordered pairs (a record may pair with itself)
    crossed = sum(
        1
        for a in rows
        for b in rows
        if a["fn_key"] is not None
        and a["fn_key"] == b["ln_key"]
        and a["ln_ph"] == b["fn_ph"]
        and a["ln_ph"] is not None
    )
    assert pairs_made_by(feats, "l.fn_key = r.ln_key AND l.ln_ph = r.fn_ph") == crossed // 2


def test_broad_blocking_rules_are_used_only_within_the_budget():
    records = generate(3_000, seed=3).drop(columns=["person_id"])
    feats = feat.features(records)
    present = feat.present_features(feats)
    narrow = blocking.rules_for(blocking.BLOCKING_RULES, present)
    broad = blocking.rules_for(blocking.BROAD_BLOCKING_RULES, present)
    assert blocking_rules_for(feats, present) == narrow + broad  # small data: every rule
    assert blocking_rules_for(feats, present, budget=0) == narrow
    counts = {rule: pairs_made_by(feats, rule) for rule in broad}
    budget = sum(counts.values()) // 2
    admitted = blocking_rules_for(feats, present, budget=budget)[len(narrow) :]
    assert 0 < len(admitted) < len(broad)
    assert sum(counts[rule] for rule in admitted) <= budget
    left_out = [rule for rule in broad if rule not in admitted]
    assert all(counts[rule] > budget - sum(counts[r] for r in admitted) for rule in left_out)


def test_narrow_rules_on_names_narrow_the_broad_rules():
    """Apart from the rules on the full date of birth or the postcode, every narrow rule on
    names finds only pairs that a broad rule finds too: with every broad rule admitted (small
    data) the narrow rules add no pairs, and the linkage is the one of the broad rules."""
    import duckdb

    feats = feat.features(generate(3_000, seed=3).drop(columns=["person_id"]))
    present = feat.present_features(feats)
    con = duckdb.connect()
    con.register("f", feats)

    def pairs(rules: list[str]) -> set[tuple[str, str]]:
        union = " UNION ".join(
            "SELECT l.unique_id a, r.unique_id b FROM f l JOIN f r ON "  # noqa: S608
            + rule
            + " WHERE l.unique_id < r.unique_id"
            for rule in rules
        )
        return set(con.execute(union).fetchall())

    on_names = [
        rule
        for rule in blocking.rules_for(blocking.BLOCKING_RULES, present)
        if any(key in rule for key in ("fn_", "ln_", "name_tok"))
        and "l.dob = r.dob" not in rule
        and "l.pc = r.pc" not in rule
    ]
    narrow = pairs(on_names)
    assert len(on_names) >= 10
    assert narrow
    assert narrow <= pairs(blocking.rules_for(blocking.BROAD_BLOCKING_RULES, present))
