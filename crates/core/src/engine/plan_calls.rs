//! Plans made from the console, and the plans a caller can list: CreateBackupPlan and
//! CreateBackupSelection are checked by the plan checker as AWS would check them (a plan AWS
//! would refuse is refused with the checker's first error) and then run from the moment they are
//! made, beside the scenario's own plans; ListBackupPlans and ListBackupSelections list both.
//!
//! Model assumptions, said here and in the answers' help: a plan's rules run from the moment it
//! is made (its first run is the schedule's next time after it); a selection picks the caller's
//! resources in its account and Region as the scenario's selections do, its tags read as the
//! scenario gives them; a plan and a selection made from the console get IDs that follow from
//! the run's seed and what they name, so that a run taken anew gives them the same ones.

use std::sync::Arc;

use serde_json::{Value, json};

use super::answers::{Answer, Caller, ServiceError, epoch, text};
use super::operations::made;
use super::{PlanRun, Simulation, picks, rule_run};
use crate::plan::{self, CheckOptions, PlanForm};
use crate::world::CreatedBy;

/// The calls this module makes.
const CHANGES: &[&str] = &["CreateBackupPlan", "CreateBackupSelection"];

fn invalid(message: impl Into<String>) -> Answer {
    Answer::error("InvalidParameterValueException", message)
}

impl Simulation {
    /// The plans `caller` sees: those of its account and Region.
    fn plans_of<'a>(&'a self, caller: &'a Caller) -> impl Iterator<Item = (usize, &'a PlanRun)> {
        (self.plans.iter().enumerate())
            .filter(|(_, p)| p.account == caller.account && p.region == caller.region)
    }

    /// A selection's SelectionId: it follows from the run's seed, its plan and its place.
    fn selection_id(&self, plan: &PlanRun, index: usize) -> String {
        let place = index.to_string();
        let parts = [plan.id.as_str(), "selection", place.as_str()];
        self.named_id(&parts).to_string()
    }

    /// The answer to ListBackupPlans or ListBackupSelections; [`Answer::NotAnswered`] otherwise.
    pub(super) fn answer_plans(&self, caller: &Caller, operation: &str, input: &Value) -> Answer {
        match operation {
            "ListBackupPlans" => {
                let plans: Vec<Value> = (self.plans_of(caller))
                    .map(|(_, p)| {
                        json!({
                            "BackupPlanArn": p.arn,
                            "BackupPlanId": p.id,
                            "CreationDate": epoch(p.created),
                            "VersionId": p.version,
                            "BackupPlanName": p.plan.backup_plan_name,
                        })
                    })
                    .collect();
                Answer::Response(json!({ "BackupPlansList": plans }))
            }
            "ListBackupSelections" => {
                let id = text(input, "BackupPlanId").unwrap_or_default();
                let Some((_, plan)) = self.plans_of(caller).find(|(_, p)| p.id == id) else {
                    return Answer::Error(no_such_plan(id));
                };
                let selections: Vec<Value> = (plan.selections.iter().enumerate())
                    .map(|(i, s)| {
                        json!({
                            "SelectionId": self.selection_id(plan, i),
                            "SelectionName": s.selection_name,
                            "BackupPlanId": plan.id,
                            "CreationDate": epoch(plan.selections_created[i]),
                            "IamRoleArn": s.iam_role_arn,
                        })
                    })
                    .collect();
                Answer::Response(json!({ "BackupSelectionsList": selections }))
            }
            _ => Answer::NotAnswered,
        }
    }

    /// CreateBackupPlan or CreateBackupSelection made now as `caller`, audited; `None` for other
    /// operations.
    pub(super) fn call_plans(
        &mut self,
        caller: &Caller,
        operation: &str,
        input: &Value,
    ) -> Option<Answer> {
        if !CHANGES.contains(&operation) {
            return None;
        }
        Some(self.console_change(caller, operation, |s| {
            let answer = if operation == "CreateBackupPlan" {
                s.create_backup_plan(caller, input)
            } else {
                s.create_backup_selection(caller, input)
            };
            made(answer, |response| {
                let arn = response["BackupPlanArn"].as_str().map(str::to_string);
                let id = response["BackupPlanId"].as_str().unwrap_or_default();
                (format!("{operation} {id}"), arn.into_iter().collect())
            })
        }))
    }

    /// The plan checker's first error of a request, if it has one: what AWS would refuse, with
    /// the exception AWS answers a plan it refuses with, and the checker's words and code (its
    /// messages are vaultsim's account of AWS's rule, not always AWS's own text).
    fn refused_by_checker(&self, request: &Value) -> Result<plan::Checked, Answer> {
        let checked = plan::check(&request.to_string(), &CheckOptions { now: self.now });
        match checked.findings.iter().find(|f| f.diagnostic.is_error()) {
            Some(finding) => Err(invalid(format!(
                "{} (vaultsim's plan checker, {})",
                finding.diagnostic.message, finding.diagnostic.code
            ))),
            None => Ok(checked),
        }
    }

    fn create_backup_plan(&mut self, caller: &Caller, input: &Value) -> Answer {
        // The checker reads the request as the CreateBackupPlan request form; the members it
        // does not check (CreatorRequestId) are left out of what it reads.
        let mut request = input.clone();
        if let Some(members) = request.as_object_mut() {
            members.remove("CreatorRequestId");
        }
        let checked = match self.refused_by_checker(&request) {
            Ok(checked) => checked,
            Err(refused) => return refused,
        };
        let (Some(root), Some(form @ PlanForm::CreateBackupPlanInput)) =
            (checked.root.as_ref(), checked.form)
        else {
            return invalid("The request is not a CreateBackupPlan request (vaultsim's words).");
        };
        let typed = match plan::typed_plan(root, form) {
            Ok(typed) => typed,
            Err(why) => return Answer::Unsupported(why),
        };
        let name = typed.backup_plan_name.clone();
        // "If you call CreateBackupPlan with a plan that already exists, you receive an
        // AlreadyExistsException exception" (the API's documentation); that a plan is the same
        // one when it has the same name in the account and Region is vaultsim's reading.
        if self
            .plans_of(caller)
            .any(|(_, p)| p.plan.backup_plan_name == name)
        {
            return Answer::Error(ServiceError {
                code: "AlreadyExistsException",
                message: format!(
                    "A backup plan named {name} already exists in this account and Region \
                     (vaultsim's words)."
                ),
            });
        }
        let created = self.now.to_rfc3339();
        let seed = [
            caller.account.as_str(),
            caller.region.as_str(),
            name.as_str(),
            created.as_str(),
        ];
        let id_of = |salt: &str| self.named_id(&[&seed[..], &[salt]].concat());
        let id = id_of("plan").to_string();
        let arn = format!(
            "arn:aws:backup:{}:{}:backup-plan:{id}",
            caller.region, caller.account
        );
        use base64::Engine as _;
        let version = base64::engine::general_purpose::STANDARD
            .encode(id_of("version").to_string().as_bytes());
        let rule_ids: Vec<String> = (0..typed.rules.len())
            .map(|i| id_of(&format!("rule {i}")).to_string())
            .collect();
        let mut rules = Vec::new();
        for (rule, rule_id) in typed.rules.iter().zip(rule_ids) {
            let created_by = Arc::new(CreatedBy {
                backup_plan_id: id.clone(),
                backup_plan_arn: arn.clone(),
                backup_plan_version: version.clone(),
                backup_plan_rule_id: rule_id,
            });
            rules.push(rule_run(
                &mut self.world,
                &mut self.vault_arns,
                rule,
                created_by,
                &[],
            ));
        }
        let response = json!({
            "BackupPlanId": id,
            "BackupPlanArn": arn,
            "CreationDate": epoch(self.now),
            "VersionId": version,
        });
        self.plans.push(PlanRun {
            account: caller.account.clone(),
            region: caller.region.clone(),
            id,
            arn,
            version,
            created: self.now,
            plan: typed,
            selections: Vec::new(),
            selections_created: Vec::new(),
            selected: Vec::new(),
            rules,
        });
        // Its rules run from now: each at its schedule's next time.
        let plan = self.plans.len() - 1;
        for rule in 0..self.plans[plan].rules.len() {
            self.schedule_rule(plan, rule, self.now);
        }
        Answer::Response(response)
    }

    fn create_backup_selection(&mut self, caller: &Caller, input: &Value) -> Answer {
        let id = text(input, "BackupPlanId").unwrap_or_default().to_string();
        let Some((plan, _)) = self.plans_of(caller).find(|(_, p)| p.id == id) else {
            return Answer::Error(no_such_plan(&id));
        };
        // The checker reads the selection as the CreateBackupSelection request form.
        let request = json!({ "BackupSelection": input.get("BackupSelection") });
        let checked = match self.refused_by_checker(&request) {
            Ok(checked) => checked,
            Err(refused) => return refused,
        };
        let Some(selection) = (checked.root.as_ref())
            .zip(checked.form)
            .and_then(|(root, form)| plan::typed_selections(root, form).into_iter().next())
        else {
            return Answer::Unsupported("the selection cannot be simulated as written".to_string());
        };
        let run = &mut self.plans[plan];
        run.selections.push(selection);
        run.selections_created.push(self.now);
        // What the plan picks now: the resources it picked keep their jobs' origins (the same
        // rule and role give the same origin), new ones get theirs.
        let picked = picks(&self.world, &run.account, &run.region, &run.selections);
        run.selected = picked.iter().map(|(i, _)| *i).collect();
        for rule in &mut run.rules {
            rule.origins = (picked.iter())
                .map(|(_, role)| {
                    self.world
                        .origin(Some(rule.created_by.clone()), role.clone())
                })
                .collect();
        }
        let index = self.plans[plan].selections.len() - 1;
        Answer::Response(json!({
            "SelectionId": self.selection_id(&self.plans[plan], index),
            "BackupPlanId": id,
            "CreationDate": epoch(self.now),
        }))
    }
}

fn no_such_plan(id: &str) -> ServiceError {
    ServiceError {
        code: "ResourceNotFoundException",
        message: format!("Backup plan {id} does not exist (vaultsim's words)."),
    }
}
