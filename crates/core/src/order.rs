//! Sorting short lists by a number, with one compiled sort for them all. The standard library's
//! sort is compiled anew for every element type and comparison, 2 to 4 KB of wasm each; the
//! page's lists (arrows, lanes, marks) and the checker's findings sort through one `u128` sort
//! here instead: the page's wasm is 28 KB smaller for it (11 KB gzipped), measured when it came.
//! The engine's hot paths do not sort through it.

/// Sorts `items` by `key`, stably as `slice::sort_by_key`: items with equal keys keep their order.
pub fn sort_by_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    if items.len() < 2 {
        return;
    }
    // The key above, the item's place below: distinct, so an unstable sort keeps equal keys in
    // their order.
    let mut keyed: Vec<u128> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (u128::from(key(item)) << 64) | i as u128)
        .collect();
    keyed.sort_unstable();
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        keyed
            .iter()
            .filter_map(|k| slots.get_mut(*k as u64 as usize).and_then(Option::take)),
    );
}

/// Two numbers as one key, ordered as the pair `(high, low)`. Both are indices or byte offsets,
/// below 2³² in any list or text there is room for (always so in wasm32, where `usize` has 32
/// bits); a larger one is capped, so it sorts last rather than wrapping around.
pub fn pair(high: usize, low: usize) -> u64 {
    let cap = |n: usize| u64::from(u32::try_from(n).unwrap_or(u32::MAX));
    (cap(high) << 32) | cap(low)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_the_key_keeping_equal_keys_in_order() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        sort_by_key(&mut items, |(k, _)| *k);
        assert_eq!(items, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn a_pair_orders_as_the_tuple() {
        let mut pairs = vec![(2, 0), (1, 9), (1, 2), (0, usize::MAX), (2, 1)];
        let mut expected = pairs.clone();
        expected.sort();
        sort_by_key(&mut pairs, |&(a, b)| pair(a, b));
        assert_eq!(pairs, expected);
    }
}
