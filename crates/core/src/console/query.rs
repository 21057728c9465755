//! `--query`: a JMESPath expression the CLI applies to the response before printing it
//! (client side; `awscli/customizations/globalargs.py` compiles it when it reads the command
//! line, so a bad one is refused before any call). JMESPath is jpx-core's, over serde_json
//! values in their order, so `{ARN:RecoveryPointArn,Status:Status}` prints its keys in the
//! expression's order, as the CLI's JSON output does.

use serde_json::Value;

/// A compiled `--query`.
pub struct Query(jpx_core::Expression<'static>);

impl Query {
    /// The expression compiled, or the CLI's refusal: `Bad value for --query EXPR: why` (the
    /// reason is jpx-core's words, where the CLI gives Python jmespath's).
    pub fn compile(expression: &str) -> Result<Query, String> {
        jpx_core::compile(expression)
            .map(Query)
            .map_err(|e| format!("Bad value for --query {expression}: {e}"))
    }

    /// The expression applied to `response`; `null` where JMESPath finds nothing, or where it
    /// fails at run time (a function given the wrong type).
    pub fn search(&self, response: &Value) -> Value {
        self.0.search(response).unwrap_or(Value::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_guides_step_1_query_keeps_the_expressions_key_order() {
        let response = json!({"RecoveryPoints": [
            {"Status": "COMPLETED", "RecoveryPointArn": "arn:1", "CreationDate": "2024-01-17T02:30:00+00:00"},
            {"Status": "COMPLETED", "RecoveryPointArn": "arn:2", "CreationDate": "2024-01-16T02:30:00+00:00"}
        ]});
        let query = Query::compile(
            "RecoveryPoints[*].{ARN:RecoveryPointArn,Created:CreationDate,Status:Status}",
        )
        .unwrap();
        let found = query.search(&response);
        assert_eq!(
            serde_json::to_string(&found).unwrap(),
            r#"[{"ARN":"arn:1","Created":"2024-01-17T02:30:00+00:00","Status":"COMPLETED"},{"ARN":"arn:2","Created":"2024-01-16T02:30:00+00:00","Status":"COMPLETED"}]"#
        );
    }

    #[test]
    fn the_guides_step_5_query_finds_the_endpoint_and_nothing_is_null() {
        let response =
            json!({"DBInstances": [{"Endpoint": {"Address": "db.example.com", "Port": 3306}}]});
        let query = Query::compile("DBInstances[0].Endpoint.Address").unwrap();
        assert_eq!(query.search(&response), json!("db.example.com"));
        assert_eq!(query.search(&json!({"DBInstances": []})), Value::Null);
    }

    #[test]
    fn a_bad_expression_is_refused_with_the_clis_words_before_its_reason() {
        let Err(why) = Query::compile("RecoveryPoints[*") else {
            panic!("compiled")
        };
        assert!(
            why.starts_with("Bad value for --query RecoveryPoints[*: "),
            "{why}"
        );
    }
}
