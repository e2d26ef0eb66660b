//! Sorting by a number, through one sort underneath.
//!
//! Each `sort_by` call with its own element type and closure compiles to its own copy of the standard library's
//! sort (about 2.5 KB of wasm each). Every sort in the crate goes through [`order_desc`] instead: one sort of
//! indices by `f64` keys, so the browser module carries one copy.

/// The indices of `keys` from the largest key to the smallest (by `f64::total_cmp`); equal keys keep their order.
#[inline(never)]
pub fn order_desc(keys: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[b].total_cmp(&keys[a]));
    order
}

/// Sort `items` by `key`, largest first; items with equal keys keep their order.
pub fn sort_desc<T>(items: &mut Vec<T>, key: impl Fn(&T) -> f64) {
    let keys: Vec<f64> = items.iter().map(key).collect();
    let order = order_desc(&keys);
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sort `items` by `key`, smallest first; items with equal keys keep their order.
pub fn sort_asc<T>(items: &mut Vec<T>, key: impl Fn(&T) -> f64) {
    sort_desc(items, |item| -key(item));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_are_stable_in_both_directions() {
        let mut items = vec![("a", 1.0), ("b", 3.0), ("c", 1.0), ("d", 2.0), ("e", 3.0)];
        sort_desc(&mut items, |x| x.1);
        assert_eq!(items.iter().map(|x| x.0).collect::<String>(), "bedac");
        sort_asc(&mut items, |x| x.1);
        assert_eq!(items.iter().map(|x| x.0).collect::<String>(), "acdbe");
        assert_eq!(order_desc(&[0.5, f64::NEG_INFINITY, 2.0]), vec![2, 0, 1]);
    }
}
