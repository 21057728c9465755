//! A console line split into words as a POSIX shell splits it, so that the guide's commands paste
//! as they are: `\` at the end of a line continues it, single quotes keep everything (a JMESPath
//! query, a JSON document over several lines), double quotes keep spaces, and `#` starts a comment.
//! The splitting is shell-words's (the reference's probe found shlex leaves an empty word for each
//! `\` continuation); what is wrong is said as a shell says it. [`commands`] cuts a script into
//! its commands first.

/// The words of `line`, or what a shell would say of it.
pub fn split(line: &str) -> Result<Vec<String>, String> {
    shell_words::split(line).map_err(|_| {
        // shell-words says only "missing closing quote"; bash names the quote it looked for.
        let quote = open_quote(line).unwrap_or('"');
        format!("unexpected EOF while looking for matching `{quote}'")
    })
}

/// A script's commands, each as its text: a command ends at a line break outside quotes that no
/// `\` continues; a `#` that starts a word comments out the rest of its line. Blank lines and
/// comments give no command.
pub fn commands(script: &str) -> Vec<String> {
    let mut commands = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    let mut chars = script.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\\') | (Some('"'), '\\') => {
                current.push(c);
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            (None, '\'' | '"') => {
                quote = Some(c);
                current.push(c);
            }
            (Some(q), c) if c == q => {
                quote = None;
                current.push(c);
            }
            (None, '#') if current.ends_with(char::is_whitespace) || current.is_empty() => {
                while chars.next_if(|c| *c != '\n').is_some() {}
            }
            (None, '\n') => {
                if !current.trim().is_empty() {
                    commands.push(current.trim().to_string());
                }
                current.clear();
            }
            _ => current.push(c),
        }
    }
    if !current.trim().is_empty() {
        commands.push(current.trim().to_string());
    }
    commands
}

/// Whether a shell would wait for more of `script` before running it: a quote left open, or a
/// last line ending in a `\` that continues it.
pub fn unfinished(script: &str) -> bool {
    let trailing = script.len() - script.trim_end_matches('\\').len();
    open_quote(script).is_some() || (trailing % 2 == 1 && ends_in_code(script))
}

/// Whether the last line of `script` is code to its end, not a comment (a `\` in a comment
/// continues nothing).
fn ends_in_code(script: &str) -> bool {
    let last = script.rsplit('\n').next().unwrap_or(script);
    !last.trim_start().starts_with('#') && !last.contains(" #")
}

/// The quote left open at the end of `line`, reading it as a shell does.
fn open_quote(line: &str) -> Option<char> {
    let mut open: Option<char> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match (open, c) {
            (None, '\\') | (Some('"'), '\\') => {
                chars.next();
            }
            (None, '\'' | '"') => open = Some(c),
            (Some(q), c) if c == q => open = None,
            (None, '#') => return None,
            _ => {}
        }
    }
    open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_is_unfinished_in_an_open_quote_or_after_a_continuing_backslash() {
        assert!(unfinished("aws backup list-backup-vaults \\"));
        assert!(unfinished(
            "aws backup start-restore-job --metadata '{\n  \"A\": 1"
        ));
        assert!(!unfinished("aws backup list-backup-vaults"));
        assert!(!unfinished("echo a\\\\"));
        assert!(!unfinished("# a comment \\"));
    }

    #[test]
    fn the_guides_step_1_splits_word_for_word() {
        let line = r#"aws backup list-recovery-points-by-backup-vault \
  --backup-vault-name "prod-primary-vault" \
  --by-resource-type "RDS" \
  --query 'RecoveryPoints[*].{ARN:RecoveryPointArn,Created:CreationDate,Status:Status}' \
  --output table"#;
        assert_eq!(
            split(line).unwrap(),
            [
                "aws",
                "backup",
                "list-recovery-points-by-backup-vault",
                "--backup-vault-name",
                "prod-primary-vault",
                "--by-resource-type",
                "RDS",
                "--query",
                "RecoveryPoints[*].{ARN:RecoveryPointArn,Created:CreationDate,Status:Status}",
                "--output",
                "table",
            ]
        );
    }

    #[test]
    fn the_guides_step_3_keeps_its_json_metadata_whole() {
        let line = r#"aws backup start-restore-job \
  --recovery-point-arn "arn:aws:rds:us-east-1:123456789:snapshot:awsbackup-2024-01-17-02-30" \
  --iam-role-arn "arn:aws:iam::123456789:role/service-role/AWSBackupDefaultServiceRole" \
  --resource-type "RDS" \
  --metadata '{
    "DBInstanceIdentifier": "prod-mysql-restored-20240117",
    "DBInstanceClass":      "db.t3.medium"
  }'"#;
        let words = split(line).unwrap();
        assert_eq!(words.len(), 11);
        assert_eq!(words[3], "--recovery-point-arn");
        assert_eq!(
            words[10],
            "{\n    \"DBInstanceIdentifier\": \"prod-mysql-restored-20240117\",\n    \"DBInstanceClass\":      \"db.t3.medium\"\n  }"
        );
    }

    #[test]
    fn a_script_splits_into_commands_at_line_breaks_outside_quotes() {
        let script = "# STEP 1\naws backup list-backup-vaults \\\n  --output table\n\n\
                      aws backup start-restore-job --metadata '{\n  \"A\": \"b\"\n}' # a note\n\
                      sleep 20m";
        let commands = commands(script);
        assert_eq!(commands.len(), 3, "{commands:?}");
        assert_eq!(
            commands[0],
            "aws backup list-backup-vaults \\\n  --output table"
        );
        assert!(
            commands[1].ends_with("'{\n  \"A\": \"b\"\n}'"),
            "{}",
            commands[1]
        );
        assert_eq!(commands[2], "sleep 20m");
        assert_eq!(
            split(&commands[0]).unwrap(),
            ["aws", "backup", "list-backup-vaults", "--output", "table"]
        );
    }

    #[test]
    fn a_comment_is_dropped_and_an_open_quote_is_named() {
        assert_eq!(
            split("aws backup list-backup-vaults # every vault").unwrap(),
            ["aws", "backup", "list-backup-vaults"]
        );
        assert_eq!(
            split("aws backup describe-restore-job --restore-job-id 'ABC").unwrap_err(),
            "unexpected EOF while looking for matching `''"
        );
        assert_eq!(
            split(r#"aws sns create-topic --name "alerts"#).unwrap_err(),
            "unexpected EOF while looking for matching `\"'"
        );
        assert_eq!(split("").unwrap(), Vec::<String>::new());
    }
}
