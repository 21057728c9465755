//! Reading `cron(Minutes Hours Day-of-month Month Day-of-week Year)` into its fields, with a
//! diagnostic for every mistake that points at the characters at fault.
//!
//! The syntax is what the EventBridge user guide documents, plus three Quartz forms in
//! Day-of-month that the guide's table does not list: `LW`, `L-n` and `L-nW`. Users report the
//! EventBridge console accepts `LW` and `L-n` (the project's issue), so they are accepted with a
//! note-level `schedule-undocumented-syntax` diagnostic; `L-nW`, which Quartz has but no one has
//! reported EventBridge taking, gets the same code as a warning. Other Quartz extras (a seventh
//! Seconds field, `/` in Day-of-week) remain errors that say so. Where Quartz is followed, its
//! `org.quartz.CronExpression` (quartz-scheduler/quartz, commit bb2505aa) is the source.

use std::ops::Range;

use super::field::Field;
use crate::codes::{self, Code};
use crate::diagnostic::Diagnostic;

/// One comma-separated element of a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Item {
    /// `*`, or `*/step`.
    Every { step: u32 },
    /// A single value: `5`, `MON`.
    Value(u32),
    /// `a-b` or `a-b/step`; `end < start` wraps past the field's maximum (hours `20-2`).
    Range { start: u32, end: u32, step: u32 },
    /// `a/step`: from `a` to the field's maximum.
    From { start: u32, step: u32 },
    /// `L` in Day-of-month: the last day of the month.
    LastDayOfMonth,
    /// `L-n` in Day-of-month (Quartz, undocumented by AWS): n days before the last day of the
    /// month, n from 0 to 30; a month of n days or fewer has no such day.
    BeforeLastDay(u32),
    /// `LW` (n = 0) and `L-nW` in Day-of-month (Quartz, undocumented by AWS): the weekday
    /// nearest the day n days before the last day, within the month, as `nW` moves a day.
    NearestWeekdayBeforeLastDay(u32),
    /// `L` in Day-of-week: the last day of the week, Saturday.
    LastDayOfWeek,
    /// `nW` in Day-of-month: the weekday nearest day n, within the month.
    NearestWeekday(u32),
    /// `nL` in Day-of-week: the last such weekday of the month (`6L`, the last Friday).
    LastWeekdayOfMonth(u32),
    /// `n#k` in Day-of-week: the k-th such weekday of the month (`MON#2`).
    NthWeekday { weekday: u32, nth: u32 },
}

impl Item {
    /// Every value the item selects, in the field's own numbering. Day items whose days depend
    /// on the month (`L`, `W`, `#`) select nothing here; the matcher resolves them per month.
    pub(crate) fn values(&self, field: Field) -> Vec<u32> {
        let (min, max) = (field.min(), field.max());
        let stepped = |start: u32, len: u32, step: u32| -> Vec<u32> {
            // Walk `len` consecutive positions from `start`, wrapping past `max` to `min`.
            let span = max - min + 1;
            (0..len)
                .step_by(step as usize)
                .map(|i| min + (start - min + i) % span)
                .collect()
        };
        match *self {
            Item::Every { step } => stepped(min, max - min + 1, step),
            Item::Value(v) => vec![v],
            Item::Range { start, end, step } => {
                let len = if end >= start {
                    end - start + 1
                } else {
                    (max - start + 1) + (end - min + 1)
                };
                stepped(start, len, step)
            }
            Item::From { start, step } => stepped(start, max - start + 1, step),
            Item::LastDayOfWeek => vec![7],
            Item::LastDayOfMonth
            | Item::BeforeLastDay(_)
            | Item::NearestWeekdayBeforeLastDay(_)
            | Item::NearestWeekday(_)
            | Item::LastWeekdayOfMonth(_)
            | Item::NthWeekday { .. } => Vec::new(),
        }
    }
}

/// A field as written: `?`, or a list of items, each with the byte range it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FieldExpr {
    pub field: Field,
    pub span: Range<usize>,
    /// Empty for `?`.
    pub items: Vec<(Item, Range<usize>)>,
}

impl FieldExpr {
    pub(crate) fn is_any(&self) -> bool {
        self.items.is_empty()
    }

    /// `*` (every value, no step).
    pub(crate) fn is_every(&self) -> bool {
        matches!(self.items.as_slice(), [(Item::Every { step: 1 }, _)])
    }
}

/// The six fields of a cron expression, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub fields: [FieldExpr; 6],
    /// Findings that do not stop the expression from being used.
    pub warnings: Vec<Diagnostic>,
}

/// Parses a whole schedule expression. Every error found is returned, not just the first.
pub(crate) fn parse(text: &str) -> Result<Parsed, Vec<Diagnostic>> {
    let start = text.len() - text.trim_start().len();
    let end = start + text[start..].trim_end().len();
    let body = &text[start..end];
    let whole = start..end;
    let mut warnings = Vec::new();

    if body.is_empty() {
        return Err(vec![
            Diagnostic::error(
                codes::SCHEDULE_EMPTY,
                0..text.len(),
                "the schedule expression is empty",
            )
            .with_help(
                "write cron(Minutes Hours Day-of-month Month Day-of-week Year); \
                     leave ScheduleExpression out to get AWS Backup's default, cron(0 5 ? * * *)",
            ),
        ]);
    }
    if starts_with_ignore_case(body, "rate(") {
        return Err(vec![rate_not_supported(body, whole)]);
    }
    if !starts_with_ignore_case(body, "cron(") {
        let fields: Vec<&str> = body.split_whitespace().collect();
        let help = if fields.len() == 6 {
            format!("wrap the fields in cron(...): cron({body})")
        } else if fields.len() == 5 {
            format!(
                "a five-field Unix crontab line becomes {}",
                from_unix_crontab(&fields)
            )
        } else {
            "write cron(Minutes Hours Day-of-month Month Day-of-week Year), \
             for example cron(0 5 ? * * *) for 05:00 UTC every day"
                .to_string()
        };
        return Err(vec![
            Diagnostic::error(
                codes::SCHEDULE_NOT_CRON,
                whole,
                "AWS Backup schedules are cron expressions: cron(...)",
            )
            .with_help(help),
        ]);
    }
    if !body.starts_with("cron(") {
        warnings.push(
            Diagnostic::warning(
                codes::SCHEDULE_KEYWORD_CASE,
                start..start + 4,
                "AWS documents the keyword in lower case",
            )
            .with_help("write cron(...)"),
        );
    }
    let inner_start = start + 5;
    let Some(close) = body.find(')') else {
        return Err(vec![
            Diagnostic::error(
                codes::SCHEDULE_UNCLOSED,
                end..end,
                "the cron expression has no closing parenthesis",
            )
            .with_help("end the expression with )"),
        ]);
    };
    let inner_end = start + close;
    if inner_end + 1 < end {
        return Err(vec![
            Diagnostic::error(
                codes::SCHEDULE_TRAILING_TEXT,
                inner_end + 1..end,
                "unexpected text after the closing parenthesis",
            )
            .with_help("remove everything after )"),
        ]);
    }

    let tokens = split_fields(&text[inner_start..inner_end], inner_start);
    if tokens.len() != 6 {
        return Err(vec![field_count(&tokens, inner_start..inner_end)]);
    }

    let mut errors = Vec::new();
    let mut fields = Vec::with_capacity(6);
    for (field, (token, span)) in Field::ALL.into_iter().zip(&tokens) {
        match parse_field(field, token, span.start) {
            Ok(f) => fields.push(f),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let fields: [FieldExpr; 6] = fields.try_into().expect("six fields were parsed");
    if let Some(e) = check_day_fields(&fields[2], &fields[4]) {
        return Err(vec![e]);
    }
    warnings.extend(undocumented_syntax(&fields[2], text));
    Ok(Parsed { fields, warnings })
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// AWS Backup takes cron only. The evidence is from peers (Terraform's maintainers report the
/// API rejects rate(); the CDK refuses it), and the project's issue makes it an error.
fn rate_not_supported(body: &str, span: Range<usize>) -> Diagnostic {
    let inner = body[5..].trim_end_matches(')').trim();
    let mut words = inner.split_whitespace();
    let equivalent = match (
        words.next().and_then(|n| n.parse::<u32>().ok()),
        words.next(),
    ) {
        (Some(1), Some("hour")) => Some("cron(0 * * * ? *)".to_string()),
        (Some(n @ 2..=23), Some("hours")) if 24 % n == 0 => Some(format!("cron(0 0/{n} * * ? *)")),
        (Some(1), Some("day")) => Some("cron(0 5 * * ? *)".to_string()),
        (Some(7), Some("days")) => Some("cron(0 5 ? * SUN *)".to_string()),
        _ => None,
    };
    let help = match equivalent {
        Some(cron) => format!("write it as a cron expression, for example {cron}"),
        None => "write it as a cron expression: cron(Minutes Hours Day-of-month Month \
                 Day-of-week Year)"
            .to_string(),
    };
    Diagnostic::error(
        codes::SCHEDULE_RATE_NOT_SUPPORTED,
        span,
        "AWS Backup accepts cron expressions only, not rate()",
    )
    .with_help(help)
}

/// The whitespace-separated fields of the text between the parentheses, with their byte ranges
/// in the whole expression.
fn split_fields(inner: &str, offset: usize) -> Vec<(&str, Range<usize>)> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in inner
        .char_indices()
        .chain(std::iter::once((inner.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                tokens.push((&inner[s..i], offset + s..offset + i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    tokens
}

fn field_count(tokens: &[(&str, Range<usize>)], inner: Range<usize>) -> Diagnostic {
    let found = tokens.len();
    let message = format!(
        "a cron expression has 6 fields (Minutes Hours Day-of-month Month Day-of-week Year); \
         found {found}"
    );
    let (span, help) = match found {
        0 => (
            inner,
            "for example cron(0 5 ? * * *): 05:00 UTC every day".to_string(),
        ),
        5 => {
            let fields: Vec<&str> = tokens.iter().map(|(t, _)| *t).collect();
            (
                inner.end..inner.end,
                format!(
                    "add the Year field (* for every year); a five-field Unix crontab line \
                     becomes {}",
                    from_unix_crontab(&fields)
                ),
            )
        }
        7 => (
            tokens[0].1.clone(),
            "EventBridge cron has no Seconds field; remove the first field if it is seconds"
                .to_string(),
        ),
        n if n < 6 => (
            inner.end..inner.end,
            "write all six fields, with * or ? for the ones that do not matter".to_string(),
        ),
        _ => (
            tokens[6].1.start..tokens[found - 1].1.end,
            "remove the fields after the Year field".to_string(),
        ),
    };
    Diagnostic::error(codes::SCHEDULE_FIELD_COUNT, span, message).with_help(help)
}

/// The EventBridge form of a five-field Unix crontab line: a Year field, `?` in one of the day
/// fields, and weekdays renumbered (Unix counts 0 or 7 = Sunday, EventBridge 1 = Sunday).
fn from_unix_crontab(fields: &[&str]) -> String {
    let renumbered = renumber_unix_weekdays(fields[4]);
    let (dom, dow) = match (fields[2], renumbered.as_str()) {
        ("*", "*") => ("*", "?"),
        ("*", d) if d != "?" => ("?", d),
        (d, "*") if d != "?" => (d, "?"),
        other => other,
    };
    format!(
        "cron({} {} {dom} {} {dow} *)",
        fields[0], fields[1], fields[3]
    )
}

fn renumber_unix_weekdays(dow: &str) -> String {
    let mut out = String::new();
    let mut number = String::new();
    let flush = |number: &mut String, out: &mut String| {
        if let Ok(n) = number.parse::<u32>() {
            out.push_str(&(n % 7 + 1).to_string());
        }
        number.clear();
    };
    for c in dow.chars() {
        if c.is_ascii_digit() {
            number.push(c);
        } else {
            flush(&mut number, &mut out);
            out.push(c);
        }
    }
    flush(&mut number, &mut out);
    out
}

fn parse_field(field: Field, text: &str, offset: usize) -> Result<FieldExpr, Vec<Diagnostic>> {
    let span = offset..offset + text.len();
    if text == "?" {
        return if field.allows('?') {
            Ok(FieldExpr {
                field,
                span,
                items: Vec::new(),
            })
        } else {
            Err(vec![not_allowed(field, '?', span)])
        };
    }
    let mut items = Vec::new();
    let mut errors = Vec::new();
    let mut item_start = 0;
    for part in text.split(',') {
        let item_span = offset + item_start..offset + item_start + part.len();
        item_start += part.len() + 1;
        match parse_item(field, part, item_span.start) {
            Ok(item) => items.push((item, item_span)),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if items.len() > 1
        && items
            .iter()
            .any(|(item, _)| matches!(item, Item::NthWeekday { .. }))
    {
        return Err(vec![
            Diagnostic::error(
                codes::SCHEDULE_HASH_IN_LIST,
                span,
                "a Day-of-week field with # holds one expression only",
            )
            .with_help(
                "EventBridge reads \"3#1,6#3\" as two expressions and rejects it; \
                 keep a single n#k, or use one rule per day",
            ),
        ]);
    }
    Ok(FieldExpr { field, span, items })
}

fn parse_item(field: Field, text: &str, offset: usize) -> Result<Item, Diagnostic> {
    let span = offset..offset + text.len();
    if text.is_empty() {
        return Err(Diagnostic::error(
            codes::SCHEDULE_INVALID_VALUE,
            span,
            format!("{field}: empty list element"),
        )
        .with_help("remove the extra comma, or put a value between the commas"));
    }
    if let Some(bad) = text
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || "*?/-#".contains(c)))
    {
        let at = offset + bad.0;
        return Err(Diagnostic::error(
            codes::SCHEDULE_INVALID_VALUE,
            at..at + bad.1.len_utf8(),
            format!("{field}: unexpected character {:?}", bad.1),
        )
        .with_help(format!(
            "{field} takes {} and the wildcards {}",
            field.values(),
            field.wildcards()
        )));
    }
    if text.contains('?') {
        let at = offset + text.find('?').unwrap_or(0);
        return Err(if field.allows('?') {
            Diagnostic::error(
                codes::SCHEDULE_INVALID_VALUE,
                span,
                format!("{field}: ? stands alone"),
            )
            .with_help("use ? as the whole field, or give values without it")
        } else {
            not_allowed(field, '?', at..at + 1)
        });
    }

    // `base/step`
    let (base, step) = match text.split_once('/') {
        Some((base, step_text)) => {
            let slash = offset + base.len();
            if !field.allows('/') {
                return Err(not_allowed(field, '/', slash..slash + 1));
            }
            let step_span = slash + 1..offset + text.len();
            (base, Some(parse_step(field, step_text, step_span)?))
        }
        None => (text, None),
    };
    let base_span = offset..offset + base.len();

    if base == "*" {
        if let Some(step) = step {
            check_increment(field, step, field.min(), offset + 2..span.end)?;
        }
        return Ok(Item::Every {
            step: step.unwrap_or(1),
        });
    }
    if base.is_empty() {
        return Err(Diagnostic::error(
            codes::SCHEDULE_INVALID_VALUE,
            base_span,
            format!("{field}: a step needs a start value before /"),
        )
        .with_help(format!(
            "write */n or a/n, for example 0/{}",
            step.unwrap_or(15)
        )));
    }
    if let Some((day, nth)) = base.split_once('#') {
        let hash = offset + day.len();
        if !field.allows('#') {
            return Err(not_allowed(field, '#', hash..hash + 1));
        }
        if step.is_some() {
            return Err(no_step_after(field, "#", span));
        }
        let weekday = parse_value(field, day, offset..hash)?;
        let nth_span = hash + 1..offset + base.len();
        let nth = match nth.parse::<u32>() {
            Ok(n @ 1..=5) => n,
            _ => {
                return Err(Diagnostic::error(
                    codes::SCHEDULE_OUT_OF_RANGE,
                    nth_span,
                    format!("{field}: the occurrence after # must be 1 to 5, found {nth:?}"),
                )
                .with_help("3#2 is the second Tuesday of the month; no month has a sixth"));
            }
        };
        return Ok(Item::NthWeekday { weekday, nth });
    }
    if base.eq_ignore_ascii_case("L") {
        return match (field, step) {
            (Field::DayOfMonth, None) => Ok(Item::LastDayOfMonth),
            (Field::DayOfWeek, None) => Ok(Item::LastDayOfWeek),
            (Field::DayOfMonth | Field::DayOfWeek, Some(_)) => Err(no_step_after(field, "L", span)),
            _ => Err(not_allowed(field, 'L', base_span)),
        };
    }
    if let Some(rest) = base
        .strip_prefix(['L', 'l'])
        .filter(|rest| rest.starts_with('-') || rest.eq_ignore_ascii_case("W"))
    {
        return before_last_day(field, rest, step.is_some(), span, base_span);
    }
    let last = base.len() - 1;
    if base.len() > 1 && !base.contains('-') {
        let (value, suffix) = base.split_at(last);
        let value_span = offset..offset + last;
        let suffix_span = offset + last..offset + base.len();
        if suffix.eq_ignore_ascii_case("W") && field.named_value(base).is_none() {
            if !field.allows('W') {
                return Err(not_allowed(field, 'W', suffix_span));
            }
            if step.is_some() {
                return Err(no_step_after(field, "W", span));
            }
            return Ok(Item::NearestWeekday(parse_value(field, value, value_span)?));
        }
        if suffix.eq_ignore_ascii_case("L") && field.named_value(base).is_none() {
            if field != Field::DayOfWeek {
                return Err(if field.allows('L') {
                    Diagnostic::error(
                        codes::SCHEDULE_INVALID_VALUE,
                        base_span,
                        format!("{field}: nL belongs in Day-of-week; Day-of-month takes L alone"),
                    )
                    .with_help("write L for the last day of the month")
                } else {
                    not_allowed(field, 'L', suffix_span)
                });
            }
            if step.is_some() {
                return Err(no_step_after(field, "L", span));
            }
            return Ok(Item::LastWeekdayOfMonth(parse_value(
                field, value, value_span,
            )?));
        }
    }
    if let Some((a, b)) = base.split_once('-') {
        let dash = offset + a.len();
        let start = parse_value(field, a, offset..dash)?;
        let end = parse_value(field, b, dash + 1..offset + base.len())?;
        if end < start && !field.wraps() {
            return Err(Diagnostic::error(
                codes::SCHEDULE_REVERSED_RANGE,
                base_span,
                format!("{field}: the range {base} runs backwards"),
            )
            .with_help(format!("write the earlier year first: {b}-{a}")));
        }
        return Ok(Item::Range {
            start,
            end,
            step: step.unwrap_or(1),
        });
    }
    let value = parse_value(field, base, base_span)?;
    Ok(match step {
        Some(step) => {
            check_increment(field, step, value, offset + base.len() + 1..span.end)?;
            Item::From { start: value, step }
        }
        None => Item::Value(value),
    })
}

/// Quartz refuses an increment larger than its field's largest value after `*` or a start
/// value (`*/60` in Minutes, `0/24` in Hours): `CronExpression.checkIncrementRange`, with the
/// message "Increment >= 60 : 60" and the limits Seconds and Minutes 59, Hours 23, Day-of-month
/// 31, Month 12, Day-of-week 7, and none for Year. Quartz calls it for `*/n` and `a/n` only, not for a range's
/// step (`0-30/60`, which selects 0), so neither does vaultsim. Day-of-week takes no `/` in
/// EventBridge, so its limit never applies here.
fn check_increment(
    field: Field,
    step: u32,
    start: u32,
    span: Range<usize>,
) -> Result<(), Diagnostic> {
    if field == Field::Year || step <= field.max() {
        return Ok(());
    }
    let once = match field {
        Field::Minutes => "an hour",
        Field::Hours => "a day",
        Field::DayOfMonth => "a month",
        _ => "a year",
    };
    Err(Diagnostic::error(
        codes::SCHEDULE_INVALID_STEP,
        span,
        format!(
            "{field}: an increment of {step} is larger than {field} allows (at most {})",
            field.max()
        ),
    )
    .with_help(format!(
        "use an increment from 1 to {}; to run once {once}, write the single value {start}",
        field.max()
    )))
}

/// `LW`, `L-n` and `L-nW`; `rest` is what follows the `L` (`W`, or `-` and more).
///
/// Quartz (`CronExpression.storeExpressionVals`, the `c == 'L'` branch) reads in Day-of-month an
/// optional `-n` with n at most 30 ("Offset from last day must be <= 30") and then an optional
/// `W`; its `findSmallestDay` places `L-n` on day (last day - n) and skips a month that has no
/// such day (n of 28 or more in February), and its nearest-weekday rule moves an `L-nW` day as
/// it moves `nW`. `L-0` is `L`.
fn before_last_day(
    field: Field,
    rest: &str,
    has_step: bool,
    span: Range<usize>,
    base_span: Range<usize>,
) -> Result<Item, Diagnostic> {
    let form = if rest.eq_ignore_ascii_case("W") {
        "LW"
    } else {
        "L-n"
    };
    if field != Field::DayOfMonth {
        let l_span = base_span.start..base_span.start + 1;
        return Err(if field.allows('L') {
            Diagnostic::error(
                codes::SCHEDULE_INVALID_VALUE,
                base_span,
                format!("{field}: {form} belongs in Day-of-month"),
            )
            .with_help(
                "Day-of-week takes L alone (Saturday) or nL (the last such weekday of the \
                 month, 6L the last Friday)",
            )
        } else {
            not_allowed(field, 'L', l_span)
        });
    }
    if has_step {
        return Err(no_step_after(field, form, span));
    }
    let Some(after_dash) = rest.strip_prefix('-') else {
        return Ok(Item::NearestWeekdayBeforeLastDay(0));
    };
    let (digits, weekday) = match after_dash.strip_suffix(['W', 'w']) {
        Some(digits) => (digits, true),
        None => (after_dash, false),
    };
    let digits_span = base_span.start + 2..base_span.start + 2 + digits.len();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Diagnostic::error(
            codes::SCHEDULE_INVALID_VALUE,
            if digits.is_empty() {
                digits_span
            } else {
                base_span
            },
            format!("{field}: L- needs the number of days before the last day, from 0 to 30"),
        )
        .with_help(
            "write L-n, for example L-3 for the third day before the last day of the month",
        ));
    }
    let n = match digits.parse::<u32>() {
        Ok(n @ 0..=30) => n,
        _ => {
            return Err(Diagnostic::error(
                codes::SCHEDULE_OUT_OF_RANGE,
                digits_span,
                format!("{field}: the offset in L-{digits} is more than 30 days"),
            )
            .with_help(
                "use L-0 to L-30 (Quartz allows at most 30: L-30 is the 1st of a 31-day month)",
            ));
        }
    };
    Ok(if weekday {
        Item::NearestWeekdayBeforeLastDay(n)
    } else {
        Item::BeforeLastDay(n)
    })
}

/// A finding for each Day-of-month item written in Quartz syntax the EventBridge guide's table
/// does not list. `LW` and `L-n` are reported by users to work in the EventBridge console (the
/// project's issue), so they are notes; `L-nW` only follows from Quartz, so it is a warning.
fn undocumented_syntax(dom: &FieldExpr, text: &str) -> Vec<Diagnostic> {
    const CODE: Code = codes::SCHEDULE_UNDOCUMENTED_SYNTAX;
    dom.items
        .iter()
        .filter_map(|(item, span)| {
            let written = &text[span.clone()];
            match *item {
                Item::NearestWeekdayBeforeLastDay(_) if written.eq_ignore_ascii_case("LW") => Some(
                    Diagnostic::info(
                        CODE,
                        span.clone(),
                        "Day-of-month: LW (the last weekday of the month) is not in EventBridge's \
                         documentation, though users report the EventBridge console accepts it",
                    )
                    .with_help(
                        "nothing to change if AWS takes it; if it is refused, L (the last day) \
                         and nW (the weekday nearest day n) are the documented forms",
                    ),
                ),
                Item::BeforeLastDay(n) => Some(
                    Diagnostic::info(
                        CODE,
                        span.clone(),
                        format!(
                            "Day-of-month: {written} ({n} days before the last day of the month) \
                             is not in EventBridge's documentation, though users report the \
                             EventBridge console accepts it"
                        ),
                    )
                    .with_help(
                        "nothing to change if AWS takes it; if it is refused, L (the last day) \
                         or a fixed day such as 28 are the documented forms",
                    ),
                ),
                Item::NearestWeekdayBeforeLastDay(n) => Some(
                    Diagnostic::warning(
                        CODE,
                        span.clone(),
                        format!(
                            "Day-of-month: {written} (the weekday nearest {n} days before the \
                             last day of the month) is Quartz syntax that EventBridge's \
                             documentation does not list, and unlike LW and L-n no one has \
                             reported the EventBridge console accepting it"
                        ),
                    )
                    .with_help(
                        "check that AWS takes it before relying on it; L and nW are \
                         documented, and LW and L-n are reported to work",
                    ),
                ),
                _ => None,
            }
        })
        .collect()
}

fn parse_step(field: Field, text: &str, span: Range<usize>) -> Result<u32, Diagnostic> {
    match text.parse::<u32>() {
        Ok(0) => Err(Diagnostic::error(
            codes::SCHEDULE_INVALID_STEP,
            span,
            format!("{field}: a step of 0 never advances"),
        )
        .with_help("use a step of 1 or more, for example 0/15")),
        Ok(n) => Ok(n),
        Err(_) => Err(Diagnostic::error(
            codes::SCHEDULE_INVALID_STEP,
            span,
            format!("{field}: the step after / must be a whole number, found {text:?}"),
        )
        .with_help("write a/n or */n with n a number, for example 0/15")),
    }
}

fn parse_value(field: Field, text: &str, span: Range<usize>) -> Result<u32, Diagnostic> {
    if text.is_empty() {
        return Err(Diagnostic::error(
            codes::SCHEDULE_INVALID_VALUE,
            span,
            format!("{field}: a value is missing"),
        )
        .with_help(format!("{field} takes {}", field.values())));
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return match text.parse::<u32>() {
            Ok(v) if (field.min()..=field.max()).contains(&v) => Ok(v),
            _ => Err(Diagnostic::error(
                codes::SCHEDULE_OUT_OF_RANGE,
                span,
                format!("{field}: {text} is out of range {}", field.values()),
            )
            .with_help(range_help(field))),
        };
    }
    if let Some(v) = field.named_value(text) {
        return Ok(v);
    }
    let help = match nearest_name(field, text) {
        Some(name) => format!("did you mean {name}? {field} takes {}", field.values()),
        None => format!("{field} takes {}", field.values()),
    };
    Err(Diagnostic::error(
        codes::SCHEDULE_INVALID_VALUE,
        span,
        format!("{field}: {text:?} is not a value of this field"),
    )
    .with_help(help))
}

fn range_help(field: Field) -> String {
    match field {
        Field::DayOfWeek => "day of week 1 is Sunday and 7 is Saturday (SUN-SAT)".to_string(),
        Field::Year => "EventBridge schedules run from 1970 to 2199".to_string(),
        _ => format!("use a value from {}", field.values()),
    }
}

/// The field's name closest to `text`, for "did you mean".
fn nearest_name(field: Field, text: &str) -> Option<&'static str> {
    crate::suggest::nearest(text, field.names())
}

fn not_allowed(field: Field, wildcard: char, span: Range<usize>) -> Diagnostic {
    Diagnostic::error(
        codes::SCHEDULE_WILDCARD_NOT_ALLOWED,
        span,
        format!("{field} does not accept the wildcard {wildcard}"),
    )
    .with_help(format!(
        "{field} accepts the wildcards {}",
        field.wildcards()
    ))
}

fn no_step_after(field: Field, what: &str, span: Range<usize>) -> Diagnostic {
    Diagnostic::error(
        codes::SCHEDULE_INVALID_VALUE,
        span,
        format!("{field}: {what} cannot take a /step"),
    )
    .with_help(format!(
        "remove the /step, or write a plain value in place of the {what}"
    ))
}

/// Exactly one of Day-of-month and Day-of-week is `?` (EventBridge: "If you specify a value or
/// a * (asterisk) in one of the fields, you must use a ? (question mark) in the other").
fn check_day_fields(dom: &FieldExpr, dow: &FieldExpr) -> Option<Diagnostic> {
    let code = codes::SCHEDULE_DAY_FIELDS;
    match (dom.is_any(), dow.is_any()) {
        (true, false) | (false, true) => None,
        (true, true) => Some(
            Diagnostic::error(
                code,
                dom.span.start..dow.span.end,
                "Day-of-month and Day-of-week are both ?; one of them must say which days",
            )
            .with_help("put * in one of them for every day, for example cron(0 5 * * ? *)"),
        ),
        (false, false) if dom.is_every() && dow.is_every() => Some(
            Diagnostic::error(
                code,
                dow.span.clone(),
                "* in both Day-of-month and Day-of-week: if you use * in one, you must use ? \
                 in the other",
            )
            .with_help("replace the Day-of-week * with ?"),
        ),
        (false, false) if dom.is_every() => Some(
            Diagnostic::error(
                code,
                dom.span.clone(),
                "Day-of-month and Day-of-week are both given; one of them must be ?",
            )
            .with_help("replace the Day-of-month * with ? to run on the days of week given"),
        ),
        (false, false) if dow.is_every() => Some(
            Diagnostic::error(
                code,
                dow.span.clone(),
                "Day-of-month and Day-of-week are both given; one of them must be ?",
            )
            .with_help("replace the Day-of-week * with ? to run on the days of month given"),
        ),
        (false, false) => Some(
            Diagnostic::error(
                code,
                dom.span.start..dow.span.end,
                "Day-of-month and Day-of-week cannot both be given in one cron expression",
            )
            .with_help("put ? in one of them; to run on both kinds of day, use two backup rules"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_range_walks_past_the_maximum() {
        let item = Item::Range {
            start: 20,
            end: 2,
            step: 1,
        };
        assert_eq!(item.values(Field::Hours), vec![20, 21, 22, 23, 0, 1, 2]);
        let stepped = Item::Range {
            start: 20,
            end: 2,
            step: 2,
        };
        assert_eq!(stepped.values(Field::Hours), vec![20, 22, 0, 2]);
    }

    #[test]
    fn from_step_runs_to_the_field_maximum() {
        let item = Item::From { start: 1, step: 10 };
        assert_eq!(item.values(Field::Minutes), vec![1, 11, 21, 31, 41, 51]);
    }

    #[test]
    fn fields_are_split_on_any_whitespace_with_their_offsets() {
        let tokens = split_fields(" 0  5\t?", 5);
        assert_eq!(tokens, vec![("0", 6..7), ("5", 9..10), ("?", 11..12)]);
    }
}
