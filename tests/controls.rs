//! Property tests of the one scenario model behind every control (`src/controls.rs`), on random presets,
//! timeline steps and moves: the controls show the values in force, a moved control sets exactly what it shows
//! (nothing is added on top of a value the reader cannot see), every other change is in the "also in force"
//! list, and moving controls back restores the base result bit for bit.

#![allow(clippy::expect_used, clippy::unwrap_used, reason = "tests fail loudly on purpose")]

use na_trade_explorer::app::controls::{
    also_in_force, cells, paying_share, value_in_force, ControlKind, ControlValues, CONTROLS,
};
use na_trade_explorer::{data::presets, data::timeline, solve, Economy, Scenario, ScenarioFile};
use proptest::prelude::*;

/// Every base a reader can start from: the presets and the timeline's steps.
fn bases() -> Vec<(String, ScenarioFile)> {
    let mut bases: Vec<(String, ScenarioFile)> =
        presets::preset_ids().map(|id| (id.to_string(), presets::preset(id).unwrap())).collect();
    for (step, event) in timeline::enacted_events() {
        bases.push((event.id.clone(), timeline::scenario_at(step).unwrap()));
    }
    bases
}

/// Every control shows, to its one decimal, the value in force in `file`.
fn check_shown(economy: &Economy, file: &ScenarioFile, values: &ControlValues, what: &str) {
    let scenario = Scenario::build(file, economy).unwrap();
    let claim = values.get("usmca_claim").unwrap() / 100.0;
    for spec in CONTROLS {
        let shown = values.get(spec.id).unwrap();
        let in_force = value_in_force(spec, economy, &scenario, claim);
        assert!(
            (shown - in_force).abs() <= 0.05 + 1e-9,
            "{what}: {} shows {shown} but {in_force} is in force",
            spec.id
        );
    }
}

/// Every change to a flow that no control sets is in the "also in force" list.
fn check_listed(economy: &Economy, scenario: &Scenario, what: &str) {
    let list = also_in_force(economy, scenario);
    let nc = economy.n_countries();
    for j in 0..economy.n_sectors() {
        for n in 0..nc {
            for i in (0..nc).filter(|&i| i != n) {
                let covered = |tariff: bool| {
                    CONTROLS.iter().any(|spec| {
                        let sets_tariff = !matches!(spec.kind, ControlKind::ClaimShare | ControlKind::TradeCostCut);
                        sets_tariff == tariff && cells(spec, economy).contains(&(j, n, i))
                    })
                };
                let listed = list.iter().any(|e| e.importer == n && e.exporter == i && e.sectors.contains(&j));
                let tariff_changed = (scenario.tariff(economy, j, n, i) - economy.tariff(j, n, i)).abs() > 1e-12;
                let cost_changed = (scenario.trade_cost(economy, j, n, i) - 1.0).abs() > 1e-12;
                assert!(!tariff_changed || covered(true) || listed, "{what}: tariff on [{j}][{n}][{i}] unseen");
                assert!(!cost_changed || covered(false) || listed, "{what}: trade cost on [{j}][{n}][{i}] unseen");
            }
        }
    }
}

#[test]
fn every_base_shows_its_values_and_lists_the_rest() {
    let economy = presets::north_america_2024().unwrap();
    for (id, file) in bases() {
        let values = ControlValues::for_scenario(&file, &economy).unwrap();
        assert!(!values.any_moved(), "{id}");
        assert_eq!(values.apply(&file, &economy).unwrap(), file, "{id}: unmoved controls change nothing");
        check_shown(&economy, &file, &values, &id);
        check_listed(&economy, &Scenario::build(&file, &economy).unwrap(), &id);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn controls_show_what_is_in_force_and_moving_back_restores_the_result(
        base in 0usize..64,
        moves in proptest::collection::vec((0..CONTROLS.len(), 0.0f64..=1.0), 1..6),
    ) {
        let economy = presets::north_america_2024().unwrap();
        let bases = bases();
        let (id, file) = &bases[base % bases.len()];
        let start = ControlValues::for_scenario(file, &economy).unwrap();
        let mut values = start.clone();
        for &(position, fraction) in &moves {
            let spec = &CONTROLS[position];
            let value = ((spec.min + fraction * (spec.max - spec.min)) * 10.0).round() / 10.0;
            values.set(spec.id, value).unwrap();
        }
        let what = format!("{id} after {moves:?}");
        let moved_file = values.apply(file, &economy).unwrap();
        let moved = Scenario::build(&moved_file, &economy).unwrap();
        // The controls show what is in force, moved or not.
        check_shown(&economy, &moved_file, &values, &what);
        // A moved control sets its flows to exactly what it shows, whatever the base had there.
        let claim = values.get("usmca_claim").unwrap() / 100.0;
        for spec in CONTROLS.iter().filter(|s| values.moved().any(|m| m == s.id)) {
            let value = values.get(spec.id).unwrap() / 100.0;
            for (j, n, i) in cells(spec, &economy) {
                match spec.kind {
                    ControlKind::ClaimShare => {}
                    ControlKind::TradeCostCut => {
                        let factor = moved.trade_cost(&economy, j, n, i);
                        prop_assert!((factor - (1.0 - value)).abs() < 1e-12, "{}: {} on [{}][{}][{}]", what, factor, j, n, i);
                    }
                    _ => {
                        let expected = economy.tariff(j, n, i) + value * paying_share(spec, claim);
                        let rate = moved.tariff(&economy, j, n, i);
                        prop_assert!((rate - expected).abs() < 1e-12, "{}: {} ≠ {} on [{}][{}][{}]", what, rate, expected, j, n, i);
                    }
                }
            }
        }
        check_listed(&economy, &moved, &what);
        // Moving every control back to the value it showed restores the base exactly: same file, same result.
        for (control, value) in start.all() {
            values.set(control, value).unwrap();
        }
        prop_assert!(!values.any_moved());
        let restored = values.apply(file, &economy).unwrap();
        prop_assert_eq!(&restored, file);
        let before = solve(&economy, &Scenario::build(file, &economy).unwrap()).unwrap();
        let after = solve(&economy, &Scenario::build(&restored, &economy).unwrap()).unwrap();
        prop_assert_eq!(format!("{:?}", before), format!("{:?}", after), "bit for bit");
    }
}

/// A drag's draft solves (warm start, looser tolerance) stay within 1e-6 percentage points of the exact solve of
/// the same position, along a random drag of one control.
#[test]
fn drafts_while_dragging_match_the_exact_solve() {
    use na_trade_explorer::app::scenario_state::ScenarioState;
    let economy = presets::north_america_2024().unwrap();
    let mut rng = na_trade_explorer::util::random::SplitMix64::new(7);
    for preset in ["us-tariffs-2025", "all-out-trade-war", "canada-retaliation-2025-03"] {
        let base = ScenarioState::preset(preset, &economy).unwrap();
        let mut previous = base.solve(&economy).unwrap().1;
        for spec in CONTROLS.iter().filter(|c| c.id != "usmca_claim") {
            let mut value = base.controls().get(spec.id).unwrap();
            for _ in 0..12 {
                // A drag: small steps, now and then a jump.
                let step = if rng.unit() < 0.2 { 20.0 } else { 2.0 };
                value = (value + step * (rng.unit() * 2.0 - 1.0)).clamp(spec.min, spec.max.min(100.0));
                let state = base.with_control(spec.id, value).unwrap();
                let (_, draft) = state.solve_draft(&economy, &previous).unwrap();
                let (_, exact) = state.solve(&economy).unwrap();
                for n in 0..draft.welfare_pct.len() {
                    let gap = (draft.welfare_pct[n] - exact.welfare_pct[n]).abs();
                    assert!(gap < 1e-6, "{preset} {} = {value}: draft welfare off by {gap} pp", spec.id);
                }
                previous = draft;
            }
        }
    }
}

/// The page starts a drag's draft from the path of its last two positions (`WarmStart::extrapolated`): the drafts
/// still match the exact solve to 1e-6 percentage points, and the path needs fewer solver passes than starting
/// from the last position alone.
#[test]
fn drafts_from_the_drag_path_match_the_exact_solve_in_fewer_passes() {
    use na_trade_explorer::app::scenario_state::ScenarioState;
    use na_trade_explorer::model::solver::WarmStart;
    let economy = presets::north_america_2024().unwrap();
    let base = ScenarioState::preset("us-tariffs-2025", &economy).unwrap();
    let (mut from_last, mut from_path) = (0, 0);
    let mut previous = base.solve(&economy).unwrap().1;
    let mut earlier: Option<(f64, WarmStart)> = None;
    let mut at = base.controls().get("us_other_can").unwrap();
    for k in 0..60 {
        let value = f64::from((k * 7) % 100);
        let state = base.with_control("us_other_can", value).unwrap();
        let here = WarmStart::of(&previous);
        let start = match &earlier {
            Some((before, path)) => WarmStart::extrapolated(path, &here, (value - at) / (at - before)),
            None => here.clone(),
        };
        let (_, draft) = state.solve_draft_from(&economy, &start).unwrap();
        let (_, plain) = state.solve_draft(&economy, &previous).unwrap();
        let (_, exact) = state.solve(&economy).unwrap();
        for n in 0..draft.welfare_pct.len() {
            let gap = (draft.welfare_pct[n] - exact.welfare_pct[n]).abs();
            assert!(gap < 1e-6, "us_other_can = {value}: draft welfare off by {gap} pp");
        }
        from_path += draft.solver.iterations;
        from_last += plain.solver.iterations;
        earlier = Some((at, here));
        previous = draft;
        at = value;
    }
    assert!(from_path < from_last, "passes from the path {from_path}, from the last position {from_last}");
}
