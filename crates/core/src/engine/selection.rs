//! Which resources a backup selection picks: Resources and ListOfTags (each OR-ed), narrowed by
//! Conditions (AND-ed) and NotResources, within the plan's account and Region.

use crate::plan::{BackupSelection, ConditionParameter};
use crate::wildcard;
use crate::world::Resource;

/// Whether `selection` picks `resource`.
///
/// AWS documents that Resources ARNs match "any of the ARNs (OR logic)", ListOfTags "any of the
/// conditions (OR logic)" and Conditions "all conditions (AND logic)", and that a selection with
/// none of them selects every supported resource. How Resources and ListOfTags combine when both
/// are given is not in the reference: vaultsim takes either (a model assumption).
pub fn selects(selection: &BackupSelection, resource: &Resource) -> bool {
    let by_arn = selection
        .resources
        .iter()
        .any(|pattern| wildcard::matches(pattern, &resource.arn));
    let by_tag = selection.list_of_tags.iter().any(|c| {
        c.condition_type.eq_ignore_ascii_case("STRINGEQUALS")
            && resource.tags.get(tag_key(&c.condition_key)) == Some(&c.condition_value)
    });
    let named = !selection.resources.is_empty() || !selection.list_of_tags.is_empty();
    let picked = if named { by_arn || by_tag } else { true };
    let excluded = selection
        .not_resources
        .iter()
        .any(|pattern| wildcard::matches(pattern, &resource.arn));
    let conditions = selection.conditions.as_ref().is_none_or(|c| {
        let tag = |p: &ConditionParameter| resource.tags.get(tag_key(&p.condition_key));
        c.string_equals
            .iter()
            .all(|p| tag(p) == Some(&p.condition_value))
            && c.string_not_equals
                .iter()
                .all(|p| tag(p) != Some(&p.condition_value))
            && c.string_like
                .iter()
                .all(|p| tag(p).is_some_and(|v| wildcard::matches(&p.condition_value, v)))
            && c.string_not_like
                .iter()
                .all(|p| !tag(p).is_some_and(|v| wildcard::matches(&p.condition_value, v)))
    });
    picked && !excluded && conditions
}

/// A tag key as a condition names it: `aws:ResourceTag/Backup` or, in ListOfTags, `Backup`.
fn tag_key(key: &str) -> &str {
    key.strip_prefix("aws:ResourceTag/").unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Condition, Conditions};
    use crate::services::ResourceType;
    use std::collections::BTreeMap;

    fn resource(arn: &str, tags: &[(&str, &str)]) -> Resource {
        Resource {
            arn: arn.to_string(),
            name: String::new(),
            resource_type: ResourceType::from_arn(arn).unwrap(),
            account: "111122223333".into(),
            region: "us-east-1".into(),
            tags: tags
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
            size_gb: 1.0,
            daily_change_rate: 0.0,
            configuration: BTreeMap::new(),
            service: ResourceType::from_arn(arn).unwrap().default_service(),
        }
    }

    fn selection() -> BackupSelection {
        BackupSelection {
            selection_name: "s".into(),
            iam_role_arn: "arn:aws:iam::111122223333:role/r".into(),
            resources: vec![],
            not_resources: vec![],
            list_of_tags: vec![],
            conditions: None,
        }
    }

    const DB: &str = "arn:aws:rds:us-east-1:111122223333:db:orders";

    #[test]
    fn list_of_tags_is_or_ed() {
        let mut s = selection();
        for (k, v) in [("Backup", "true"), ("Tier", "gold")] {
            s.list_of_tags.push(Condition {
                condition_type: "STRINGEQUALS".into(),
                condition_key: k.into(),
                condition_value: v.into(),
            });
        }
        assert!(selects(&s, &resource(DB, &[("Tier", "gold")])));
        assert!(!selects(&s, &resource(DB, &[("Tier", "silver")])));
    }

    #[test]
    fn conditions_are_and_ed() {
        let mut s = selection();
        let p = |k: &str, v: &str| ConditionParameter {
            condition_key: format!("aws:ResourceTag/{k}"),
            condition_value: v.into(),
        };
        s.conditions = Some(Conditions {
            string_equals: vec![p("Backup", "true")],
            string_not_like: vec![p("Env", "dev*")],
            ..Conditions::default()
        });
        assert!(selects(
            &s,
            &resource(DB, &[("Backup", "true"), ("Env", "prod")])
        ));
        assert!(!selects(
            &s,
            &resource(DB, &[("Backup", "true"), ("Env", "dev-1")])
        ));
        assert!(!selects(&s, &resource(DB, &[("Env", "prod")])));
    }

    #[test]
    fn resources_match_by_prefix_and_not_resources_exclude() {
        let mut s = selection();
        s.resources = vec!["arn:aws:rds:us-east-1:111122223333:db:*".into()];
        s.not_resources = vec!["arn:aws:rds:us-east-1:111122223333:db:scratch".into()];
        assert!(selects(&s, &resource(DB, &[])));
        assert!(!selects(
            &s,
            &resource("arn:aws:rds:us-east-1:111122223333:db:scratch", &[])
        ));
    }

    /// SEL-3, the developer guide's examples (assigning-resources-json.html):
    /// `arn:aws:ec2:*:*:volume/*` is every EBS volume and `arn:aws:rds:*:*:db:*` every RDS
    /// instance, in any Region and account; neither picks another resource type.
    #[test]
    fn wildcards_inside_resource_arns_match_as_in_the_guides_examples() {
        let volume = resource(
            "arn:aws:ec2:us-east-1:111122223333:volume/vol-0123456789abcdef0",
            &[],
        );
        let instance = resource(
            "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0",
            &[],
        );
        let cluster = resource("arn:aws:rds:us-east-1:111122223333:cluster:orders", &[]);
        let mut s = selection();
        s.resources = vec!["arn:aws:ec2:*:*:volume/*".into()];
        assert!(selects(&s, &volume));
        assert!(!selects(&s, &instance));
        s.resources = vec!["arn:aws:rds:*:*:db:*".into()];
        assert!(selects(&s, &resource(DB, &[])));
        assert!(!selects(&s, &cluster));
        assert!(!selects(&s, &volume));
    }

    #[test]
    fn wildcards_inside_not_resources_arns_exclude_as_they_select() {
        let mut s = selection();
        s.resources = vec!["*".into()];
        s.not_resources = vec!["arn:aws:ec2:*:*:volume/*".into()];
        let volume = resource("arn:aws:ec2:eu-west-1:444455556666:volume/vol-1", &[]);
        assert!(!selects(&s, &volume));
        assert!(selects(&s, &resource(DB, &[])));
        s.not_resources = vec!["arn:aws:rds:*:*:db:*-scratch".into()];
        assert!(!selects(
            &s,
            &resource("arn:aws:rds:us-east-1:111122223333:db:orders-scratch", &[])
        ));
        assert!(selects(&s, &resource(DB, &[])));
    }

    #[test]
    fn a_selection_naming_nothing_selects_everything() {
        assert!(selects(&selection(), &resource(DB, &[])));
    }
}
