//! The `pattern`s of the shape tables: the regular-expression subset that AWS's API model and the
//! AWS::Backup CloudFormation schemas use — an optional `^`, a sequence of one-character atoms
//! (a literal, `.`, `\s`, `\S`, `\d`, `\w` or a bracketed class) each with an optional quantifier
//! (`*`, `+`, `?`, `{m}`, `{m,}`, `{m,n}`), and an optional `$`.
//!
//! Why not a regex crate: the shape files hold eight patterns, all of this form, and regex-lite
//! cost the page 20 KB gzipped (measured on the release wasm). A test reads every pattern of the
//! shape files with this module, so a pattern beyond the subset fails the build's tests rather
//! than going unchecked; a property test matches each of them against regex-lite (kept as a
//! development dependency) on generated strings, so this matcher says what regex-lite said.
//! That includes its choices: `.` matches anything but `\n`, and `\s`, `\d`, `\w` are ASCII.
//!
//! Matching runs the pattern as a set of positions (a Thompson NFA), never backtracking, so a long
//! string costs its length times the pattern's, whatever the string holds.

/// A compiled pattern.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Pattern {
    /// `^`: the match starts at the beginning of the string.
    start: bool,
    /// `$`: the match ends at the end of the string.
    end: bool,
    items: Vec<Item>,
}

/// An atom with its quantifier: it matches `min` to `max` characters (`None`: no limit).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Item {
    pub class: Class,
    pub min: usize,
    pub max: Option<usize>,
}

/// The characters an atom matches: ranges, or everything outside them.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Class {
    pub negated: bool,
    pub ranges: Vec<(char, char)>,
}

/// What quantified atoms are expanded to: no pattern of the shape files repeats an atom more
/// than 128 times; a larger count is refused rather than expanded.
const MAX_REPEAT: usize = 1_000;

impl Class {
    fn of(ranges: &[(char, char)], negated: bool) -> Class {
        Class {
            negated,
            ranges: ranges.to_vec(),
        }
    }

    pub fn allows(&self, c: char) -> bool {
        self.ranges.iter().any(|&(a, b)| (a..=b).contains(&c)) != self.negated
    }
}

/// ASCII white space as regex-lite reads `\s`: space, \t, \n, \v, \f, \r.
const SPACE: &[(char, char)] = &[('\t', '\r'), (' ', ' ')];
const DIGIT: &[(char, char)] = &[('0', '9')];
const WORD: &[(char, char)] = &[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];

/// The class of a backslash escape (`\d`, `\S`, …), or the escaped character itself.
fn escape(c: char) -> Class {
    match c {
        's' => Class::of(SPACE, false),
        'S' => Class::of(SPACE, true),
        'd' => Class::of(DIGIT, false),
        'D' => Class::of(DIGIT, true),
        'w' => Class::of(WORD, false),
        'W' => Class::of(WORD, true),
        'n' => Class::of(&[('\n', '\n')], false),
        't' => Class::of(&[('\t', '\t')], false),
        'r' => Class::of(&[('\r', '\r')], false),
        c => Class::of(&[(c, c)], false),
    }
}

impl Pattern {
    /// Reads a pattern; `None` for anything outside the subset this module documents.
    pub fn parse(source: &str) -> Option<Pattern> {
        let mut chars = source.chars().peekable();
        let start = chars.next_if_eq(&'^').is_some();
        let mut items = Vec::new();
        let mut end = false;
        while let Some(c) = chars.next() {
            let class = match c {
                '$' if chars.peek().is_none() => {
                    end = true;
                    break;
                }
                '.' => Class::of(&[('\n', '\n')], true),
                '\\' => escape(chars.next()?),
                '[' => {
                    let negated = chars.next_if_eq(&'^').is_some();
                    let mut ranges = Vec::new();
                    loop {
                        let first = match chars.next()? {
                            ']' => break,
                            '\\' => match escape(chars.next()?) {
                                Class {
                                    negated: false,
                                    ranges: r,
                                } if r.len() == 1 && r[0].0 == r[0].1 => r[0].0,
                                // \d, \s, \w inside a class: their ranges join the class's.
                                Class {
                                    negated: false,
                                    ranges: r,
                                } => {
                                    ranges.extend(r);
                                    continue;
                                }
                                Class { negated: true, .. } => return None,
                            },
                            c => c,
                        };
                        // `a-z` is a range; a `-` before `]` is itself.
                        let mut ahead = chars.clone();
                        if ahead.next() == Some('-') && ahead.peek().is_some_and(|c| *c != ']') {
                            chars.next();
                            let last = match chars.next()? {
                                '\\' => chars.next()?,
                                '[' => return None,
                                c => c,
                            };
                            if last < first {
                                return None;
                            }
                            ranges.push((first, last));
                        } else {
                            ranges.push((first, first));
                        }
                    }
                    Class { negated, ranges }
                }
                '(' | ')' | '|' | '*' | '+' | '?' | '{' | '}' | ']' | '^' | '$' => return None,
                c => Class::of(&[(c, c)], false),
            };
            let (min, max) = match chars.next_if(|c| "*+?{".contains(*c)) {
                Some('*') => (0, None),
                Some('+') => (1, None),
                Some('?') => (0, Some(1)),
                Some(_) => {
                    let mut counts = String::new();
                    loop {
                        match chars.next()? {
                            '}' => break,
                            c => counts.push(c),
                        }
                    }
                    let number = |s: &str| s.parse::<usize>().ok().filter(|n| *n <= MAX_REPEAT);
                    let (min, max) = match counts.split_once(',') {
                        None => (number(&counts)?, number(&counts)),
                        Some((m, "")) => (number(m)?, None),
                        Some((m, n)) => (number(m)?, Some(number(n)?)),
                    };
                    // {3,2} is an error in every dialect.
                    if max.is_some_and(|max| max < min) {
                        return None;
                    }
                    (min, max)
                }
                None => (1, Some(1)),
            };
            // A lazy quantifier changes nothing for a yes-or-no match, but no shape uses one.
            if (min, max) != (1, Some(1)) && chars.next_if_eq(&'?').is_some() {
                return None;
            }
            items.push(Item { class, min, max });
        }
        Some(Pattern { start, end, items })
    }

    /// The one quantified class that makes up an anchored pattern (`^[a-z]{1,50}$`, `^.{1,128}$`),
    /// for help that names the first character at fault and the length allowed.
    pub fn whole_string_class(&self) -> Option<&Item> {
        match (self.start, self.end, self.items.as_slice()) {
            (true, true, [item]) => Some(item),
            _ => None,
        }
    }

    /// Whether the pattern matches `text` (anywhere in it, unless anchored).
    pub fn is_match(&self, text: &str) -> bool {
        match self.whole_string_class() {
            // Most shape patterns (names, ARNs' parts): every character in the class, and a
            // length in range. The one test a string needs, with no states to keep.
            Some(item) => {
                let mut count = 0;
                for c in text.chars() {
                    if !item.class.allows(c) {
                        return false;
                    }
                    count += 1;
                }
                count >= item.min && item.max.is_none_or(|max| count <= max)
            }
            None => self.run(text),
        }
    }

    /// The general case: the pattern run as a set of positions over `text`.
    fn run(&self, text: &str) -> bool {
        // Positions in the expanded pattern: each atom repeated `min` times, then either one
        // looping copy (no limit) or `max - min` optional ones. State i: the first i are matched.
        let mut atoms: Vec<(&Class, bool, bool)> = Vec::new(); // (class, optional, loops)
        for item in &self.items {
            for _ in 0..item.min {
                atoms.push((&item.class, false, false));
            }
            match item.max {
                None => atoms.push((&item.class, true, true)),
                Some(max) => (item.min..max).for_each(|_| atoms.push((&item.class, true, false))),
            }
        }
        let accept = atoms.len();
        let mut now = vec![false; accept + 1];
        let mut next = vec![false; accept + 1];
        // Optional atoms may be skipped: a state reaches every state after it through them.
        let close = |states: &mut [bool]| {
            for i in 0..accept {
                if states[i] && atoms[i].1 {
                    states[i + 1] = true;
                }
            }
        };
        now[0] = true;
        close(&mut now);
        for c in text.chars() {
            if now[accept] && !self.end {
                return true;
            }
            next.iter_mut().for_each(|s| *s = false);
            for i in 0..accept {
                let (class, _, loops) = atoms[i];
                if now[i] && class.allows(c) {
                    next[if loops { i } else { i + 1 }] = true;
                }
            }
            if !self.start {
                next[0] = true;
            }
            close(&mut next);
            std::mem::swap(&mut now, &mut next);
        }
        now[accept]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        Pattern::parse(pattern).unwrap().is_match(text)
    }

    #[test]
    fn an_anchored_class_with_counts_matches_only_whole_strings_of_its_length() {
        let p = r"^[a-zA-Z0-9\-\_]{2,50}$";
        assert!(matches(p, "dr-vault"));
        assert!(matches(p, "ab"));
        assert!(!matches(p, "a"));
        assert!(!matches(p, &"a".repeat(51)));
        assert!(!matches(p, "dr vault"));
        assert!(!matches(p, "dr.vault"));
    }

    #[test]
    fn an_unanchored_pattern_matches_anywhere() {
        assert!(matches(r"\S", "  x  "));
        assert!(!matches(r"\S", " \t\n"));
        assert!(matches(r".*\S.*", "\n a"));
        assert!(!matches(r".+", "\n\n"));
        assert!(matches(r"[a-zA-Z][_a-zA-Z0-9]*", "9a"));
        assert!(!matches(r"[a-zA-Z][_a-zA-Z0-9]*", "99_"));
    }

    #[test]
    fn escapes_and_ranges_read_inside_a_class() {
        let p = Pattern::parse(r"^[a-zA-Z0-9\-\_\.\:]+$").unwrap();
        let item = p.whole_string_class().unwrap();
        assert_eq!((item.min, item.max), (1, None));
        for c in ['a', 'Z', '5', '-', '_', '.', ':'] {
            assert!(item.class.allows(c), "{c}");
        }
        assert!(!item.class.allows('/'));
        assert!(matches(r"^[a-z-]+$", "a-b"));
        assert!(matches(r"^[^a-z]$", "A") && !matches(r"^[^a-z]$", "a"));
        assert!(matches(r"^a{2}b?$", "aa") && matches(r"^a{2}b?$", "aab"));
        assert!(!matches(r"^a{2}b?$", "aaa") && !matches(r"^a{2,}$", "a"));
    }

    #[test]
    fn what_the_subset_does_not_have_is_refused_not_guessed() {
        for p in [
            "(a|b)", "a|b", "[a-z", r"a{2,1}", "a*?", "[z-a]", "a{", "*a", "^$$",
        ] {
            assert_eq!(Pattern::parse(p), None, "{p}");
        }
    }

    #[test]
    fn a_whole_string_class_and_its_general_run_agree() {
        let texts = [
            "",
            "a",
            "ab",
            "a b",
            "dr-vault",
            &"x".repeat(50),
            &"x".repeat(51),
            "é",
        ];
        for source in [
            r"^[a-zA-Z0-9\-\_]{2,50}$",
            "^.{1,128}$",
            r"^[a-z]+$",
            "^[^a-z]{0,3}$",
        ] {
            let p = Pattern::parse(source).unwrap();
            assert!(p.whole_string_class().is_some());
            for text in texts {
                assert_eq!(p.is_match(text), p.run(text), "{source} against {text:?}");
            }
        }
    }

    #[test]
    fn a_long_string_is_matched_without_backtracking() {
        // `.*\S.*` against a megabyte of spaces: quadratic or worse for a backtracking matcher.
        let spaces = " ".repeat(1 << 20);
        assert!(!matches(r".*\S.*", &spaces));
        assert!(matches(r".*\S.*", &(spaces + "x")));
    }
}
