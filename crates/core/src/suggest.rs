//! "Did you mean ...?": the known name nearest to what was typed.

/// Levenshtein distance between two strings, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

/// The name closest to `given`: the same name in other case, or else the closest spelling
/// within two edits (more for long names: one edit in five characters).
pub fn nearest<'a>(given: &str, names: &[&'a str]) -> Option<&'a str> {
    if let Some(same) = names.iter().find(|n| n.eq_ignore_ascii_case(given)) {
        return Some(same);
    }
    let given = given.to_ascii_lowercase();
    names
        .iter()
        .map(|n| (edit_distance(&n.to_ascii_lowercase(), &given), *n))
        .filter(|(d, n)| *d <= 2.max(n.len() / 5))
        .min()
        .map(|(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("MON", "MOM"), 1);
        assert_eq!(edit_distance("TUE", "TUES"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn nearest_finds_case_and_spelling_slips() {
        let names = ["RuleName", "TargetBackupVaultName", "Lifecycle"];
        assert_eq!(nearest("rulename", &names), Some("RuleName"));
        assert_eq!(nearest("RuleNmae", &names), Some("RuleName"));
        assert_eq!(nearest("TargetVault", &names), None);
    }
}
