//! Where a value is, said the two ways a plan's author meets it: a JSON Pointer (RFC 6901) into
//! the document as given, and the parameter path the AWS CLI prints
//! (`BackupPlan.Rules[0].RuleName`).

use crate::document::pointer_push;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DocPath {
    pointer: String,
    aws: String,
    name: String,
}

impl DocPath {
    /// The path of a value at `pointer` that AWS calls `aws_name`.
    pub(crate) fn new(pointer: &str, aws_name: &str) -> Self {
        DocPath {
            pointer: pointer.to_string(),
            aws: aws_name.to_string(),
            name: aws_name.to_string(),
        }
    }

    pub(crate) fn member(&self, key: &str) -> Self {
        DocPath {
            pointer: pointer_push(&self.pointer, key),
            aws: if self.aws.is_empty() {
                key.to_string()
            } else {
                format!("{}.{key}", self.aws)
            },
            name: key.to_string(),
        }
    }

    pub(crate) fn index(&self, i: usize) -> Self {
        DocPath {
            pointer: pointer_push(&self.pointer, &i.to_string()),
            aws: format!("{}[{i}]", self.aws),
            name: format!("{}[{i}]", self.name),
        }
    }

    pub(crate) fn pointer(&self) -> String {
        self.pointer.clone()
    }

    /// The AWS CLI's parameter path.
    pub(crate) fn aws(&self) -> &str {
        &self.aws
    }

    /// The last name on the path: the member's own name.
    pub(crate) fn name(&self) -> &str {
        &self.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_grow_both_ways() {
        let p = DocPath::new("/BackupPlan", "BackupPlan")
            .member("Rules")
            .index(0)
            .member("RuleName");
        assert_eq!(p.pointer(), "/BackupPlan/Rules/0/RuleName");
        assert_eq!(p.aws(), "BackupPlan.Rules[0].RuleName");
        assert_eq!(p.name(), "RuleName");
    }
}
