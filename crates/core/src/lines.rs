//! Places in a text: the 1-based line and column (in characters) of a byte offset, which
//! documents and diagnostics both give, and the byte range of a line.

use std::ops::Range;

/// 1-based line and column (in characters) of a byte offset in `text`. For many look-ups in
/// one text, build a [`LineIndex`] once.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_column(offset)
}

/// Where each line of a text starts, so that the line and column of any offset are found
/// without reading the text again.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The characters before every [`CHECKPOINT_BYTES`]-th byte (from the character that byte is
    /// in), kept only when a line is longer than that: a column far into a long line (a document
    /// written on one line, as `terraform show -json` and `jq -c` write them) is then counted
    /// from the nearest checkpoint, not from the line's start, so that the columns of many
    /// findings in such a line cost time linear in the findings, not findings × line length.
    checkpoints: Vec<usize>,
}

/// How far apart [`LineIndex`]'s checkpoints are: a column is counted over at most this many
/// bytes.
const CHECKPOINT_BYTES: usize = 4096;

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        let (mut last, mut longest) = (0, 0);
        for (i, _) in text.match_indices('\n') {
            longest = longest.max(i - last);
            last = i + 1;
            starts.push(last);
        }
        let longest = longest.max(text.len() - last);
        let mut checkpoints = Vec::new();
        if longest > CHECKPOINT_BYTES {
            let (mut counted, mut chars) = (0, 0);
            for checkpoint in (0..=text.len()).step_by(CHECKPOINT_BYTES) {
                let at = text.floor_char_boundary(checkpoint);
                chars += text[counted..at].chars().count();
                checkpoints.push(chars);
                counted = at;
            }
        }
        LineIndex {
            text,
            starts,
            checkpoints,
        }
    }

    /// The text indexed.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = self.text.floor_char_boundary(offset);
        let line = self.starts.partition_point(|&start| start <= offset);
        let line_start = self.starts[line - 1];
        let column = if offset - line_start <= CHECKPOINT_BYTES || self.checkpoints.is_empty() {
            self.text[line_start..offset].chars().count()
        } else {
            self.chars_before(offset) - self.chars_before(line_start)
        };
        (line, column + 1)
    }

    /// The byte range of a 1-based line, without its line break.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.starts[line - 1];
        let end = self
            .starts
            .get(line)
            .map_or(self.text.len(), |next| next - 1);
        start..end
    }

    /// The characters before a character boundary, counted from the checkpoint before it.
    fn chars_before(&self, offset: usize) -> usize {
        let checkpoint = offset / CHECKPOINT_BYTES;
        let at = self.text.floor_char_boundary(checkpoint * CHECKPOINT_BYTES);
        self.checkpoints[checkpoint] + self.text[at..offset].chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_from_one_in_characters() {
        let text = "{\n  \"é\": 1\n}";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 4), (2, 3));
        let one = text.find('1').unwrap();
        assert_eq!(line_column(text, one), (2, 8));
    }

    #[test]
    fn columns_far_into_a_long_line_count_characters_as_a_short_line_does() {
        // Lines longer than the checkpoints' spacing, with characters of 1 to 4 bytes across
        // the checkpoints, after a short first line.
        let long: String = (0..3000).map(|i| ["a", "é", "日", "🦀"][i % 4]).collect();
        let text = format!("{{\n{long}\n{long}x\n}}");
        let index = LineIndex::new(&text);
        for offset in (0..text.len()).step_by(97).chain([text.len()]) {
            let offset = text.floor_char_boundary(offset);
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let expected = (
                text[..offset].matches('\n').count() + 1,
                text[line_start..offset].chars().count() + 1,
            );
            assert_eq!(index.line_column(offset), expected, "at byte {offset}");
        }
        assert_eq!(&text[index.line_range(2)], long);
        assert_eq!(&text[index.line_range(4)], "}");
    }
}
