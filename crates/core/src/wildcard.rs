//! The one wildcard matcher: `*` matches any run of characters (none included), anywhere in the
//! pattern. Backup selections use it for their StringLike tag values ("a wildcard character (*)
//! anywhere in the string", the API reference) and their Resources and NotResources ARNs (SEL-3:
//! "zero or more non-whitespace characters anywhere in the ARN", as in the developer guide's
//! `arn:aws:ec2:*:*:volume/*`; ARNs hold no whitespace); vault access policies for their Action
//! and Resource values; EventBridge patterns for their `wildcard` filters, where `\*` is a
//! literal star.

/// Whether `text` matches `pattern`, each `*` in it any run of characters.
pub fn matches(pattern: &str, text: &str) -> bool {
    if !pattern.contains('*') {
        return pattern == text;
    }
    let pieces: Vec<&str> = pattern.split('*').collect();
    pieces_match(&pieces, text)
}

/// [`matches`], with `\*` a literal star (EventBridge's `wildcard` filter).
pub fn matches_escaped(pattern: &str, text: &str) -> bool {
    // Split on unescaped stars into literal pieces.
    let mut pieces = vec![String::new()];
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'*') => {
                chars.next();
                pieces.last_mut().expect("one piece at least").push('*');
            }
            '*' => pieces.push(String::new()),
            c => pieces.last_mut().expect("one piece at least").push(c),
        }
    }
    let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
    pieces_match(&pieces, text)
}

/// Whether `text` is the literal `pieces` in order with any run of characters between each two:
/// the first piece at its start, the last at its end (a single piece is the whole text).
fn pieces_match(pieces: &[&str], text: &str) -> bool {
    let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
    if pieces.len() == 1 {
        return text == first;
    }
    if !text.starts_with(first) || !text[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for piece in &pieces[1..pieces.len() - 1] {
        match rest.find(piece) {
            Some(i) => rest = &rest[i + piece.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_star_matches_anywhere() {
        assert!(matches("*rod*", "production"));
        assert!(matches("prod*", "production"));
        assert!(!matches("prod*", "staging"));
        assert!(matches("a*b*c", "aXbYc"));
        assert!(!matches("a*b*c", "aXcYb"));
        assert!(matches_escaped("*.png", "a/b.png"));
        assert!(matches_escaped("a*b*c", "axxbyyc"));
        assert!(!matches_escaped("a*b*c", "axxcyyb"));
    }

    #[test]
    fn an_escaped_star_is_literal_only_where_escapes_are_read() {
        assert!(matches_escaped("literal\\*star", "literal*star"));
        assert!(!matches_escaped("literal\\*star", "literal-star"));
        assert!(matches("literal\\*star", "literal\\-star"));
    }

    #[test]
    fn without_a_star_the_text_is_the_pattern() {
        assert!(matches(
            "arn:aws:rds:us-east-1:1:db:a",
            "arn:aws:rds:us-east-1:1:db:a"
        ));
        assert!(!matches(
            "arn:aws:rds:us-east-1:1:db:a",
            "arn:aws:rds:us-east-1:1:db:ab"
        ));
        assert!(matches_escaped("", ""));
        assert!(matches("*", ""));
    }

    #[test]
    fn the_first_and_last_pieces_do_not_overlap() {
        assert!(!matches("ab*ba", "aba"));
        assert!(matches("ab*ba", "abba"));
    }
}
