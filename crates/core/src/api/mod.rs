//! The AWS Backup API as its model defines it, for every reader that checks a document against it:
//! the operations the console reads (`operations`), the shapes (`shapes`, with the
//! AWS::Backup CloudFormation schemas beside them), the pattern
//! subset their strings are checked with (`pattern`), and how a value's place is named
//! (`path`: a JSON Pointer and the AWS CLI's parameter path). The plan checker, scenario
//! requests and the console read the same model.

pub mod operations;
pub(crate) mod path;
pub(crate) mod pattern;
pub(crate) mod shapes;
