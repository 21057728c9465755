//! A plan's AdvancedBackupSettings (ADV-1): Windows VSS for EC2, the one advanced setting.

use super::DocPath;
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::document::Node;
use crate::services::ResourceType;

/// ADV-1 (API reference): Windows VSS is the one advanced setting: ResourceType EC2 with
/// BackupOptions {"WindowsVSS": "enabled" | "disabled"}.
pub(super) fn check_advanced_backup_settings(
    settings: &Node,
    path: &DocPath,
    out: &mut Vec<Diagnostic>,
) {
    let types: Vec<&str> = ResourceType::ALL
        .into_iter()
        .filter(|t| t.has_advanced_backup_settings())
        .map(ResourceType::api_name)
        .collect();
    let types = types.join(" and ");
    for (i, setting) in settings.items().iter().enumerate() {
        let p = path.index(i);
        if let Some(t) = setting.get("ResourceType")
            && let Some(name) = t.as_str()
            && !ResourceType::from_exact_api_name(name)
                .is_some_and(ResourceType::has_advanced_backup_settings)
        {
            out.push(
                Diagnostic::error(
                    codes::ADVANCED_BACKUP_SETTING,
                    t.span.clone(),
                    format!(
                        "{}: the only resource type with advanced settings is {types}; found \
                         {name:?}",
                        p.member("ResourceType").aws()
                    ),
                )
                .with_help(format!("write \"ResourceType\": {types:?}"))
                .at(p.member("ResourceType").pointer()),
            );
        }
        for option in setting
            .get("BackupOptions")
            .map(Node::members)
            .unwrap_or_default()
        {
            let op = p.member("BackupOptions").member(&option.key);
            if option.key != "WindowsVSS" {
                out.push(
                    Diagnostic::error(
                        codes::ADVANCED_BACKUP_SETTING,
                        option.key_span.clone(),
                        format!(
                            "{}: the only backup option is WindowsVSS; found {:?}",
                            op.aws(),
                            option.key
                        ),
                    )
                    .with_help("write \"BackupOptions\": {\"WindowsVSS\": \"enabled\"}")
                    .at(op.pointer()),
                );
            } else if let Some(v) = option.value.as_str()
                && v != "enabled"
                && v != "disabled"
            {
                out.push(
                    Diagnostic::error(
                        codes::ADVANCED_BACKUP_SETTING,
                        option.value.span.clone(),
                        format!(
                            "{}: WindowsVSS is \"enabled\" or \"disabled\"; found {v:?}",
                            op.aws()
                        ),
                    )
                    .with_help("write \"enabled\" or \"disabled\", in lower case")
                    .at(op.pointer()),
                );
            }
        }
    }
}
