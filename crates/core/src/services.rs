//! The resource types AWS Backup protects and what it can do for each: AWS's "Feature
//! availability by resource" table, the one place the checks, the simulation and the page read
//! it from.
//!
//! Names are the API model's `ResourceType` values. The table is
//! `data/reference/docs/feature-availability.md` (from the developer guide's
//! backup-feature-availability.html#features-by-resource, with the notes that settle each cell);
//! a test reads that file and checks [`Service::cell`] against it cell by cell. Every stored copy
//! of AWS's table is flattened, so some cells are not settled by AWS text: those carry
//! [`Evidence::Unsettled`] or [`Evidence::Unknown`], take the value the project's guide gives (or,
//! where it gives none, the one named in [`Service::cell`]), and the page marks them as
//! assumptions.
//!
//! Where the guide and AWS disagree, AWS wins: the guide lists DynamoDB for continuous backup and
//! EC2 for cold storage, and counts RDS Multi-AZ DB clusters with the other RDS engines for
//! copies; AWS's pages do not ([`GUIDE_DIFFERENCES`]).

use std::fmt;

/// A type of resource AWS Backup protects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ResourceType {
    Aurora,
    CloudFormation,
    DocumentDb,
    DynamoDb,
    Ebs,
    Ec2,
    Efs,
    Eks,
    FSx,
    Neptune,
    Rds,
    Redshift,
    S3,
    SapHana,
    StorageGateway,
    Timestream,
    VirtualMachine,
}

impl ResourceType {
    pub const ALL: [ResourceType; 17] = [
        ResourceType::Aurora,
        ResourceType::CloudFormation,
        ResourceType::DocumentDb,
        ResourceType::DynamoDb,
        ResourceType::Ebs,
        ResourceType::Ec2,
        ResourceType::Efs,
        ResourceType::Eks,
        ResourceType::FSx,
        ResourceType::Neptune,
        ResourceType::Rds,
        ResourceType::Redshift,
        ResourceType::S3,
        ResourceType::SapHana,
        ResourceType::StorageGateway,
        ResourceType::Timestream,
        ResourceType::VirtualMachine,
    ];

    /// The API's name for the type (`ResourceType` in requests and responses).
    pub fn api_name(self) -> &'static str {
        match self {
            ResourceType::Aurora => "Aurora",
            ResourceType::CloudFormation => "CloudFormation",
            ResourceType::DocumentDb => "DocumentDB",
            ResourceType::DynamoDb => "DynamoDB",
            ResourceType::Ebs => "EBS",
            ResourceType::Ec2 => "EC2",
            ResourceType::Efs => "EFS",
            ResourceType::Eks => "EKS",
            ResourceType::FSx => "FSx",
            ResourceType::Neptune => "Neptune",
            ResourceType::Rds => "RDS",
            ResourceType::Redshift => "Redshift",
            ResourceType::S3 => "S3",
            ResourceType::SapHana => "SAP HANA on Amazon EC2",
            ResourceType::StorageGateway => "Storage Gateway",
            ResourceType::Timestream => "Timestream",
            ResourceType::VirtualMachine => "VirtualMachine",
        }
    }

    /// The type an API name (`RDS`, `DynamoDB`) names, in any letter case.
    pub fn from_api_name(name: &str) -> Option<ResourceType> {
        ResourceType::ALL
            .into_iter()
            .find(|t| t.api_name().eq_ignore_ascii_case(name))
    }

    /// The type whose API name is exactly `name` (letter case included), as request members
    /// such as IndexAction's `ResourceTypes` take it.
    pub fn from_exact_api_name(name: &str) -> Option<ResourceType> {
        ResourceType::ALL.into_iter().find(|t| t.api_name() == name)
    }

    /// Whether a backup rule can make a backup index of the type: IndexAction's `ResourceTypes`
    /// "Valid values: EBS ... S3" (API reference; data/reference/validation-rules.json IDX-1).
    pub fn supports_backup_index(self) -> bool {
        matches!(self, ResourceType::Ebs | ResourceType::S3)
    }

    /// Whether a plan's `AdvancedBackupSettings` can name the type: Windows VSS for EC2 is the
    /// one advanced setting (API reference AdvancedBackupSetting; validation-rules.json ADV-1).
    pub fn has_advanced_backup_settings(self) -> bool {
        matches!(self, ResourceType::Ec2)
    }

    /// The service's name as people say it.
    pub fn service_name(self) -> &'static str {
        match self {
            ResourceType::Aurora => "Amazon Aurora",
            ResourceType::CloudFormation => "AWS CloudFormation",
            ResourceType::DocumentDb => "Amazon DocumentDB",
            ResourceType::DynamoDb => "Amazon DynamoDB",
            ResourceType::Ebs => "Amazon EBS",
            ResourceType::Ec2 => "Amazon EC2",
            ResourceType::Efs => "Amazon EFS",
            ResourceType::Eks => "Amazon EKS",
            ResourceType::FSx => "Amazon FSx",
            ResourceType::Neptune => "Amazon Neptune",
            ResourceType::Rds => "Amazon RDS",
            ResourceType::Redshift => "Amazon Redshift",
            ResourceType::S3 => "Amazon S3",
            ResourceType::SapHana => "SAP HANA on Amazon EC2",
            ResourceType::StorageGateway => "AWS Storage Gateway",
            ResourceType::Timestream => "Amazon Timestream",
            ResourceType::VirtualMachine => "VMware virtual machines",
        }
    }

    /// The row of AWS's table a resource of this type reads as when nothing else is known of
    /// it: a DynamoDB table with advanced features (on by default for accounts created after
    /// November 2021), an RDS cluster as Aurora, an FSx file system other than ONTAP.
    pub fn default_service(self) -> Service {
        match self {
            ResourceType::Aurora => Service::Aurora,
            ResourceType::CloudFormation => Service::CloudFormation,
            ResourceType::DocumentDb => Service::DocumentDb,
            ResourceType::DynamoDb => Service::DynamoDbAdvanced,
            ResourceType::Ebs => Service::Ebs,
            ResourceType::Ec2 => Service::Ec2,
            ResourceType::Efs => Service::Efs,
            ResourceType::Eks => Service::Eks,
            ResourceType::FSx => Service::FSx,
            ResourceType::Neptune => Service::Neptune,
            ResourceType::Rds => Service::Rds,
            ResourceType::Redshift => Service::Redshift,
            ResourceType::S3 => Service::S3,
            ResourceType::SapHana => Service::SapHana,
            ResourceType::StorageGateway => Service::StorageGateway,
            ResourceType::Timestream => Service::Timestream,
            ResourceType::VirtualMachine => Service::VirtualMachine,
        }
    }

    /// The resource type an ARN names, where its form tells (`arn:aws:ec2:…:volume/…` is EBS).
    /// RDS, Aurora, DocumentDB and Neptune share `arn:aws:rds:`: a `db:` is RDS, a `cluster:`
    /// is Aurora unless its engine says otherwise ([`ResourceType::from_arn_and_engine`]).
    pub fn from_arn(arn: &str) -> Option<ResourceType> {
        Self::from_arn_and_engine(arn, None)
    }

    /// The resource type an ARN names, with the database engine telling the kinds of
    /// `arn:aws:rds:…:cluster:…` apart (the `Engine` DescribeDBClusters gives): `aurora-*` is
    /// Aurora, `docdb` DocumentDB, `neptune` Neptune, and `mysql` or `postgres` an RDS Multi-AZ
    /// DB cluster, whose type is RDS. No engine: Aurora.
    pub fn from_arn_and_engine(arn: &str, engine: Option<&str>) -> Option<ResourceType> {
        let mut parts = arn.splitn(6, ':');
        if parts.next()? != "arn" {
            return None;
        }
        let _partition = parts.next()?;
        let service = parts.next()?;
        let (_region, _account) = (parts.next()?, parts.next()?);
        let resource = parts.next().unwrap_or("");
        Some(match service {
            "ec2" if resource.starts_with("volume/") => ResourceType::Ebs,
            "ec2" if resource.starts_with("instance/") => ResourceType::Ec2,
            "elasticfilesystem" => ResourceType::Efs,
            "fsx" => ResourceType::FSx,
            "s3" => ResourceType::S3,
            "rds" if resource.starts_with("db:") => ResourceType::Rds,
            "rds" if resource.starts_with("cluster:") => {
                match engine.map(str::to_ascii_lowercase) {
                    Some(e) if e == "docdb" => ResourceType::DocumentDb,
                    Some(e) if e == "neptune" => ResourceType::Neptune,
                    Some(e) if e == "mysql" || e == "postgres" => ResourceType::Rds,
                    _ => ResourceType::Aurora,
                }
            }
            "dynamodb" => ResourceType::DynamoDb,
            "redshift" | "redshift-serverless" => ResourceType::Redshift,
            "timestream" => ResourceType::Timestream,
            "eks" => ResourceType::Eks,
            "storagegateway" => ResourceType::StorageGateway,
            "backup-gateway" => ResourceType::VirtualMachine,
            "ssm-sap" => ResourceType::SapHana,
            "cloudformation" => ResourceType::CloudFormation,
            _ => return None,
        })
    }
}

impl fmt::Display for ResourceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.api_name())
    }
}

/// A row of AWS's "Feature availability by resource" table: a resource type, split where AWS's
/// answers differ within it (RDS DB instances and Multi-AZ DB clusters, DynamoDB with and without
/// advanced features, FSx for NetApp ONTAP and the other FSx file systems).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Service {
    Ec2,
    Ebs,
    Efs,
    S3,
    Rds,
    RdsMultiAzCluster,
    Aurora,
    DynamoDb,
    DynamoDbAdvanced,
    DocumentDb,
    Neptune,
    FSx,
    FSxOntap,
    Redshift,
    Timestream,
    SapHana,
    StorageGateway,
    VirtualMachine,
    CloudFormation,
    Eks,
}

/// How long a continuous backup lasts, at most: point-in-time recovery goes back "a maximum of 35
/// days" (data/reference/docs/devguide-key-quotes.md). The one place this limit is written: the
/// plan checks, the restore window and the page read it here.
pub const MAX_CONTINUOUS_RETENTION_DAYS: i64 = 35;

/// A column of AWS's table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Feature {
    CrossRegionCopy,
    CrossAccountCopy,
    /// Continuous backup and point-in-time recovery.
    Continuous,
    ColdStorage,
    /// "Full AWS Backup management": backups encrypted with the vault's key, straight into a
    /// logically air-gapped vault as a primary target.
    FullManagement,
    RestoreTesting,
    AirGappedVault,
}

impl Feature {
    pub const ALL: [Feature; 7] = [
        Feature::CrossRegionCopy,
        Feature::CrossAccountCopy,
        Feature::Continuous,
        Feature::ColdStorage,
        Feature::FullManagement,
        Feature::RestoreTesting,
        Feature::AirGappedVault,
    ];

    /// The column's heading in the table.
    pub fn heading(self) -> &'static str {
        match self {
            Feature::CrossRegionCopy => "Cross-Region copy",
            Feature::CrossAccountCopy => "Cross-account copy",
            Feature::Continuous => "Continuous / PITR",
            Feature::ColdStorage => "Cold storage",
            Feature::FullManagement => "Full management",
            Feature::RestoreTesting => "Restore testing",
            Feature::AirGappedVault => "Air-gapped vault",
        }
    }
}

/// How well a cell of the table is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Evidence {
    /// AWS's text states it.
    Stated,
    /// Inferred from AWS's text (a mark count, another page).
    Inferred,
    /// Not settled by AWS text we hold: the guide's value, or indirect AWS text.
    Unsettled,
    /// Nothing read: the value is vaultsim's assumption.
    Unknown,
}

impl Evidence {
    /// Whether the cell's value is a model assumption, to be said so where it is shown.
    pub fn is_assumption(self) -> bool {
        matches!(self, Evidence::Unsettled | Evidence::Unknown)
    }

    pub fn describe(self) -> &'static str {
        match self {
            Evidence::Stated => "stated by AWS",
            Evidence::Inferred => "inferred from AWS's text",
            Evidence::Unsettled => "an assumption: AWS's text we hold does not settle it",
            Evidence::Unknown => "an assumption: nothing from AWS read",
        }
    }
}

/// One cell of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell {
    pub supported: bool,
    pub evidence: Evidence,
    /// Supported only when the lifecycle sets `OptInToArchiveForSupportedResources` (EBS's
    /// archive tier).
    pub only_with_archive_opt_in: bool,
}

const fn cell(supported: bool, evidence: Evidence) -> Cell {
    Cell {
        supported,
        evidence,
        only_with_archive_opt_in: false,
    }
}

/// Y, N: stated by AWS.
const Y: Cell = cell(true, Evidence::Stated);
const N: Cell = cell(false, Evidence::Stated);
/// Y·m, N·m: inferred from AWS's text.
const YM: Cell = cell(true, Evidence::Inferred);
const NM: Cell = cell(false, Evidence::Inferred);
/// Y?, N?: unsettled; the guide's value.
const YQ: Cell = cell(true, Evidence::Unsettled);
const NQ: Cell = cell(false, Evidence::Unsettled);
/// ?: nothing read; vaultsim assumes support (a copy, an air-gapped vault), so that an unknown
/// cell never makes a job fail that AWS may run.
const QY: Cell = cell(true, Evidence::Unknown);
/// ?: nothing read; vaultsim assumes no support (cold storage as the guide has it; full
/// management, which AWS names only for EFS, S3 and advanced DynamoDB).
const QN: Cell = cell(false, Evidence::Unknown);
/// EBS cold storage: the archive tier, only with `OptInToArchiveForSupportedResources`.
const OPT_IN: Cell = Cell {
    supported: true,
    evidence: Evidence::Stated,
    only_with_archive_opt_in: true,
};

impl Service {
    pub const ALL: [Service; 20] = [
        Service::Ec2,
        Service::Ebs,
        Service::Efs,
        Service::S3,
        Service::Rds,
        Service::RdsMultiAzCluster,
        Service::Aurora,
        Service::DynamoDb,
        Service::DynamoDbAdvanced,
        Service::DocumentDb,
        Service::Neptune,
        Service::FSx,
        Service::FSxOntap,
        Service::Redshift,
        Service::Timestream,
        Service::SapHana,
        Service::StorageGateway,
        Service::VirtualMachine,
        Service::CloudFormation,
        Service::Eks,
    ];

    /// The row a resource reads as: its type, its ARN (FSx for ONTAP is protected by volume,
    /// `arn:aws:fsx:…:volume/…`), and for DynamoDB whether its account has AWS Backup's advanced
    /// DynamoDB features on. An RDS-typed `cluster:` ARN is a Multi-AZ DB cluster.
    pub fn of(resource_type: ResourceType, arn: &str, dynamodb_advanced: bool) -> Service {
        let resource = arn.splitn(6, ':').nth(5).unwrap_or("");
        match resource_type {
            ResourceType::Rds if resource.starts_with("cluster:") => Service::RdsMultiAzCluster,
            ResourceType::FSx if resource.starts_with("volume/") => Service::FSxOntap,
            ResourceType::DynamoDb if !dynamodb_advanced => Service::DynamoDb,
            other => other.default_service(),
        }
    }

    /// The row's label in the table (`data/reference/docs/feature-availability.md`).
    pub fn label(self) -> &'static str {
        match self {
            Service::Ec2 => "EC2 (AMI)",
            Service::Ebs => "EBS",
            Service::Efs => "EFS",
            Service::S3 => "S3",
            Service::Rds => "RDS (DB instance)",
            Service::RdsMultiAzCluster => "RDS Multi-AZ DB cluster",
            Service::Aurora => "Aurora",
            Service::DynamoDb => "DynamoDB, no advanced features",
            Service::DynamoDbAdvanced => "DynamoDB with advanced features",
            Service::DocumentDb => "DocumentDB",
            Service::Neptune => "Neptune",
            Service::FSx => "FSx (Lustre, Windows, OpenZFS)",
            Service::FSxOntap => "FSx for NetApp ONTAP",
            Service::Redshift => "Redshift / Redshift Serverless",
            Service::Timestream => "Timestream",
            Service::SapHana => "SAP HANA on EC2",
            Service::StorageGateway => "Storage Gateway (volumes)",
            Service::VirtualMachine => "VMware (Backup gateway)",
            Service::CloudFormation => "CloudFormation stacks",
            Service::Eks => "EKS",
        }
    }

    /// The service's name as people say it.
    pub fn name(self) -> &'static str {
        match self {
            Service::RdsMultiAzCluster => "Amazon RDS Multi-AZ DB clusters",
            Service::FSxOntap => "Amazon FSx for NetApp ONTAP",
            Service::DynamoDb => "Amazon DynamoDB without advanced features",
            other => other.resource_type().service_name(),
        }
    }

    pub fn resource_type(self) -> ResourceType {
        match self {
            Service::Ec2 => ResourceType::Ec2,
            Service::Ebs => ResourceType::Ebs,
            Service::Efs => ResourceType::Efs,
            Service::S3 => ResourceType::S3,
            Service::Rds | Service::RdsMultiAzCluster => ResourceType::Rds,
            Service::Aurora => ResourceType::Aurora,
            Service::DynamoDb | Service::DynamoDbAdvanced => ResourceType::DynamoDb,
            Service::DocumentDb => ResourceType::DocumentDb,
            Service::Neptune => ResourceType::Neptune,
            Service::FSx | Service::FSxOntap => ResourceType::FSx,
            Service::Redshift => ResourceType::Redshift,
            Service::Timestream => ResourceType::Timestream,
            Service::SapHana => ResourceType::SapHana,
            Service::StorageGateway => ResourceType::StorageGateway,
            Service::VirtualMachine => ResourceType::VirtualMachine,
            Service::CloudFormation => ResourceType::CloudFormation,
            Service::Eks => ResourceType::Eks,
        }
    }

    /// The row's cells, in [`Feature::ALL`]'s order (see [`row_of`]).
    fn row(self) -> &'static [Cell; 7] {
        &ROWS[self as usize]
    }

    /// What AWS's table says of this row and feature.
    pub fn cell(self, feature: Feature) -> Cell {
        self.row()[feature as usize]
    }

    pub fn supports(self, feature: Feature) -> bool {
        self.cell(feature).supported
    }

    /// Whether recovery points move to cold storage under a lifecycle that does (`opt_in`: its
    /// `OptInToArchiveForSupportedResources`). "AWS Backup ignores this expression for other
    /// resource types."
    pub fn cold_storage(self, archive_opt_in: bool) -> bool {
        let cell = self.cell(Feature::ColdStorage);
        cell.supported && (archive_opt_in || !cell.only_with_archive_opt_in)
    }

    /// Whether its recovery points can be copied at all: "if a resource type doesn't support
    /// cross-Region or cross-account copy, copy operations for that resource type are not
    /// supported …, including same-Region and same-account copies to a different vault"
    /// (dg:recov-point-create-a-copy.html).
    pub fn can_be_copied(self) -> bool {
        self.supports(Feature::CrossRegionCopy) || self.supports(Feature::CrossAccountCopy)
    }

    /// Whether AWS Backup fully manages its backups, so that a logically air-gapped vault can be
    /// their primary target with no temporary recovery point (dg:lag-vault-primary-backup.html).
    pub fn fully_managed(self) -> bool {
        self.supports(Feature::FullManagement)
    }
}

/// Each row's cells, in [`Service::ALL`]'s order (the enum's): looked up, not built, on every
/// question the simulation asks.
const ROWS: [[Cell; 7]; 20] = {
    let mut rows = [[N; 7]; 20];
    let mut i = 0;
    while i < Service::ALL.len() {
        rows[i] = row_of(Service::ALL[i]);
        i += 1;
    }
    rows
};

/// A row's cells, in [`Feature::ALL`]'s order: cross-Region copy, cross-account copy,
/// continuous, cold storage, full management, restore testing, air-gapped vault. The numbers are
/// the notes of `data/reference/docs/feature-availability.md`.
const fn row_of(service: Service) -> [Cell; 7] {
    match service {
        // [1]: 7 marks, none for cold storage or continuous; [3]; [6]; [7]; [8].
        Service::Ec2 => [YM, YM, N, NM, N, Y, YM],
        // [2]: both copy columns by mark count; [4]: cold only with the archive opt-in.
        Service::Ebs => [YM, YM, N, OPT_IN, N, Y, Y],
        // [5]: EFS on the pricing page's cold list; copies unsettled (the guide's Yes).
        Service::Efs => [YQ, YQ, N, Y, Y, Y, Y],
        // [2]: 12 of 13 marks, every column but cold storage.
        Service::S3 => [YM, YM, Y, N, Y, Y, Y],
        // [9]: copies implied; [2]: no cold mark.
        Service::Rds => [YM, YM, Y, N, QN, Y, QY],
        // [10]: "Multi-AZ clusters do not currently support any copy operations."
        Service::RdsMultiAzCluster => [N, N, QN, N, QN, QY, QY],
        Service::Aurora => [YM, YM, Y, N, N, Y, Y],
        // [11]: 2 marks on the plain row; copies and cold need advanced features.
        Service::DynamoDb => [N, N, N, N, NM, Y, QY],
        Service::DynamoDbAdvanced => [Y, Y, N, Y, Y, Y, Y],
        Service::DocumentDb | Service::Neptune => [YQ, YQ, N, NQ, QN, Y, QY],
        Service::FSx => [YQ, YQ, N, NQ, N, Y, Y],
        // [12]: "except cross-account copy and cross-Region copy".
        Service::FSxOntap => [N, N, N, NQ, N, YQ, QY],
        // [13]: one mark, a weak reading.
        Service::Redshift => [NM, NM, N, QN, QN, N, QY],
        // [14]: Timestream's guide lists both copies; [5] cold.
        Service::Timestream => [Y, Y, N, Y, QN, N, QY],
        // [15]: copies from an AWS for SAP post; [3] continuous; [5] cold.
        Service::SapHana => [YM, YM, Y, Y, QN, N, QY],
        Service::StorageGateway => [YQ, YQ, N, QN, QN, N, QY],
        Service::VirtualMachine => [YQ, YQ, N, Y, Y, N, QY],
        // Nothing read for these copies: the guide's Yes, as an assumption.
        Service::CloudFormation | Service::Eks => [QY, QY, N, QN, QN, N, QY],
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Where the guide (`seed`, section 09) and AWS disagree, for the page to say so: the service,
/// what the guide says ("the guide …") and what AWS says ("AWS …"), each a clause.
pub const GUIDE_DIFFERENCES: &[(Service, &str, &str)] = &[
    (
        Service::DynamoDbAdvanced,
        "the guide lists DynamoDB for continuous backup (PITR)",
        "AWS's continuous-backup page names only S3, RDS, Aurora and SAP HANA on EC2: a \
         continuous rule takes ordinary snapshots of a DynamoDB table",
    ),
    (
        Service::Ec2,
        "the guide gives EC2 cold storage",
        "AWS's table has no cold-storage mark for EC2: an AMI backup stays warm",
    ),
    (
        Service::RdsMultiAzCluster,
        "the guide gives RDS (all engines) cross-Region and cross-account copies",
        "AWS's table says \"Multi-AZ clusters do not currently support any copy operations\"",
    ),
    (
        Service::Ebs,
        "the guide lists EC2 (EBS) for cold storage",
        "AWS moves EBS snapshots to the archive tier only when the lifecycle sets \
         OptInToArchiveForSupportedResources",
    ),
    (
        Service::DynamoDb,
        "the guide lists DynamoDB for copies and cold storage",
        "AWS allows both only with AWS Backup's advanced DynamoDB features on in the account \
         (the default for accounts created after November 2021)",
    ),
];

/// What AWS Backup does for a resource type beyond the feature table: stopping its backup jobs
/// and restoring it.
impl ResourceType {
    /// Whether StopBackupJob can stop the type's backup jobs: "This action is not supported for
    /// the following services: Amazon Aurora Amazon DocumentDB (with MongoDB compatibility)
    /// Amazon FSx for Lustre Amazon FSx for NetApp ONTAP Amazon FSx for OpenZFS Amazon FSx for
    /// Windows File Server Amazon Neptune SAP HANA databases on Amazon EC2 instances Amazon RDS"
    /// (StopBackupJob's documentation in the API model; FSx covers all four file systems).
    pub fn backup_job_can_be_stopped(self) -> bool {
        !matches!(
            self,
            ResourceType::Aurora
                | ResourceType::DocumentDb
                | ResourceType::FSx
                | ResourceType::Neptune
                | ResourceType::SapHana
                | ResourceType::Rds
        )
    }

    /// The restore metadata key that names what a restore writes to, and the character after
    /// which the source's ARN ends with that name: `DBInstanceIdentifier` for RDS, as the
    /// guide's runbook shows, `DBClusterIdentifier` for the cluster databases, `targetTableName`
    /// for DynamoDB, `DestinationBucketName` for S3, `file-system-id` for EFS. Other types'
    /// restores are named by AWS (vaultsim's model).
    pub fn restore_name_key(self) -> Option<(&'static str, char)> {
        match self {
            ResourceType::Rds => Some(("DBInstanceIdentifier", ':')),
            ResourceType::Aurora | ResourceType::DocumentDb | ResourceType::Neptune => {
                Some(("DBClusterIdentifier", ':'))
            }
            ResourceType::DynamoDb => Some(("targetTableName", '/')),
            ResourceType::S3 => Some(("DestinationBucketName", ':')),
            ResourceType::Efs => Some(("file-system-id", '/')),
            _ => None,
        }
    }

    /// Whether a restore may write into the existing resource: the guide's exceptions to
    /// restoring to a new resource, S3 into an existing bucket and EFS items into the existing
    /// file system. Elsewhere a restore to a name already taken fails.
    pub fn restores_into_existing(self) -> bool {
        matches!(self, ResourceType::S3 | ResourceType::Efs)
    }

    /// The metadata key naming a restore's new resource, for types restored to a new resource
    /// only (the key a restore to a taken name must change).
    pub fn restore_new_name_key(self) -> Option<&'static str> {
        self.restore_name_key()
            .filter(|_| !self.restores_into_existing())
            .map(|(key, _)| key)
    }

    /// What a restore to a name already taken fails with, as the service behind it would refuse
    /// it: what the name is of, and the service's error code.
    pub fn restore_name_taken(self) -> (&'static str, &'static str) {
        match self {
            ResourceType::Rds => ("DB instance", "DBInstanceAlreadyExists"),
            ResourceType::DynamoDb => ("table", "TableAlreadyExistsException"),
            _ => ("DB cluster", "DBClusterAlreadyExistsFault"),
        }
    }

    /// The ARN of a resource of the type named (or identified) `name` in an account and
    /// Region, for the types a restore makes or writes into; S3's ARNs name neither account nor
    /// Region.
    pub fn arn_of(self, region: &str, account: &str, name: &str) -> Option<String> {
        Some(match self {
            ResourceType::Rds => format!("arn:aws:rds:{region}:{account}:db:{name}"),
            ResourceType::Aurora | ResourceType::DocumentDb | ResourceType::Neptune => {
                format!("arn:aws:rds:{region}:{account}:cluster:{name}")
            }
            ResourceType::DynamoDb => format!("arn:aws:dynamodb:{region}:{account}:table/{name}"),
            ResourceType::S3 => format!("arn:aws:s3:::{name}"),
            ResourceType::Efs => {
                format!("arn:aws:elasticfilesystem:{region}:{account}:file-system/{name}")
            }
            ResourceType::Ec2 => format!("arn:aws:ec2:{region}:{account}:instance/{name}"),
            ResourceType::Ebs => format!("arn:aws:ec2:{region}:{account}:volume/{name}"),
            ResourceType::FSx => format!("arn:aws:fsx:{region}:{account}:file-system/{name}"),
            _ => return None,
        })
    }

    /// How a new resource of the type is named when the restore names none: a prefix and that
    /// many hex digits. EC2's `i-`, EBS's `vol-` and EFS's and FSx's `fs-` with 17 digits are
    /// AWS's ID formats; the databases' and tables' names are vaultsim's.
    pub fn new_name_format(self) -> Option<(&'static str, usize)> {
        match self {
            ResourceType::Rds => Some(("db-", 12)),
            ResourceType::Aurora | ResourceType::DocumentDb | ResourceType::Neptune => {
                Some(("cluster-", 12))
            }
            ResourceType::DynamoDb => Some(("table-", 12)),
            ResourceType::Efs | ResourceType::FSx => Some(("fs-", 17)),
            ResourceType::Ec2 => Some(("i-", 17)),
            ResourceType::Ebs => Some(("vol-", 17)),
            _ => None,
        }
    }

    /// Where clients reach a resource of the type named `name` in `region`, for the types
    /// reached by a DNS name: an RDS instance's and a cluster's endpoint (`unique` stands for
    /// the part RDS makes per account and Region) and an EFS file system's.
    pub fn endpoint(self, name: &str, unique: &str, region: &str) -> Option<String> {
        match self {
            ResourceType::Rds => Some(format!("{name}.{unique}.{region}.rds.amazonaws.com")),
            ResourceType::Aurora | ResourceType::DocumentDb | ResourceType::Neptune => Some(
                format!("{name}.cluster-{unique}.{region}.rds.amazonaws.com"),
            ),
            ResourceType::Efs => Some(format!("{name}.efs.{region}.amazonaws.com")),
            _ => None,
        }
    }

    /// The largest backup of the type a logically air-gapped vault takes in, in bytes: "EBS
    /// backups copied in must be smaller than 16 TB" (dg:logicallyairgappedvault.html; TiB, as
    /// EBS sizes its volumes). The snapshot's whole data counts, not the increment a copy moves.
    pub fn air_gapped_copy_limit_bytes(self) -> Option<u64> {
        match self {
            ResourceType::Ebs => Some(16 << 40),
            _ => None,
        }
    }

    /// Whether the type's backup is composite, so that a failure inside it leaves a PARTIAL job
    /// and recovery point: a CloudFormation stack's ("a composite recovery point has one or more
    /// nested recovery points that were not in the backup").
    pub fn backs_up_as_composite(self) -> bool {
        self == ResourceType::CloudFormation
    }

    /// Whether the type has the maintenance and automated-backup windows AWS's CloudWatch page
    /// names as a cause of failed backup jobs: the RDS-family databases
    /// (devguide-key-quotes.md, NumberOfBackupJobsFailed).
    pub fn has_database_windows(self) -> bool {
        matches!(
            self,
            ResourceType::Rds
                | ResourceType::Aurora
                | ResourceType::DocumentDb
                | ResourceType::Neptune
        )
    }

    /// How close to now a continuous backup can restore: "Amazon RDS activity allows restores
    /// up until the most recent 5 minutes of activity; Amazon S3 allows restores up until the
    /// most recent 15 minutes of activity" (devguide-key-quotes.md; Aurora as RDS).
    pub fn continuous_restore_lag_minutes(self) -> i64 {
        match self {
            ResourceType::Rds | ResourceType::Aurora => 5,
            ResourceType::S3 => 15,
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns_name_their_resource_types() {
        let cases = [
            (
                "arn:aws:ec2:us-east-1:111122223333:volume/vol-1",
                ResourceType::Ebs,
            ),
            (
                "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
                ResourceType::Ec2,
            ),
            (
                "arn:aws:rds:us-east-1:111122223333:db:orders",
                ResourceType::Rds,
            ),
            (
                "arn:aws:rds:us-east-1:111122223333:cluster:orders",
                ResourceType::Aurora,
            ),
            (
                "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-1",
                ResourceType::Efs,
            ),
            ("arn:aws:s3:::my-bucket", ResourceType::S3),
            (
                "arn:aws:dynamodb:us-east-1:111122223333:table/t",
                ResourceType::DynamoDb,
            ),
        ];
        for (arn, expected) in cases {
            assert_eq!(ResourceType::from_arn(arn), Some(expected), "{arn}");
        }
        assert_eq!(ResourceType::from_arn("arn:aws:sqs:us-east-1:1:q"), None);
        assert_eq!(ResourceType::from_arn("*"), None);
    }

    #[test]
    fn a_clusters_engine_tells_aurora_documentdb_neptune_and_multi_az_clusters_apart() {
        let arn = "arn:aws:rds:us-east-1:111122223333:cluster:c";
        let of = |engine| ResourceType::from_arn_and_engine(arn, engine);
        assert_eq!(of(Some("aurora-postgresql")), Some(ResourceType::Aurora));
        assert_eq!(of(Some("docdb")), Some(ResourceType::DocumentDb));
        assert_eq!(of(Some("neptune")), Some(ResourceType::Neptune));
        assert_eq!(of(Some("postgres")), Some(ResourceType::Rds));
        assert_eq!(of(None), Some(ResourceType::Aurora));
        assert_eq!(
            Service::of(ResourceType::Rds, arn, true),
            Service::RdsMultiAzCluster
        );
    }

    #[test]
    fn each_guide_difference_reads_as_the_guide_then_aws() {
        for (service, guide, aws) in GUIDE_DIFFERENCES {
            assert!(guide.starts_with("the guide "), "{service}: {guide}");
            assert!(aws.starts_with("AWS"), "{service}: {aws}");
        }
    }

    #[test]
    fn the_row_table_is_in_the_enums_order() {
        for (i, service) in Service::ALL.into_iter().enumerate() {
            assert_eq!(service as usize, i);
            assert_eq!(service.row(), &row_of(service));
        }
        for (i, feature) in Feature::ALL.into_iter().enumerate() {
            assert_eq!(feature as usize, i);
        }
    }

    #[test]
    fn continuous_backup_is_only_for_s3_rds_aurora_and_sap_hana() {
        // "AWS Backup supports continuous backups and point-in-time recovery for the following
        // services and applications: Amazon S3, RDS, Aurora, SAP HANA on Amazon EC2 instances."
        let continuous: Vec<Service> = Service::ALL
            .into_iter()
            .filter(|s| s.supports(Feature::Continuous))
            .collect();
        assert_eq!(
            continuous,
            [Service::S3, Service::Rds, Service::Aurora, Service::SapHana]
        );
    }

    #[test]
    fn ebs_goes_cold_only_with_the_archive_opt_in_and_ec2_never() {
        assert!(!Service::Ebs.cold_storage(false));
        assert!(Service::Ebs.cold_storage(true));
        assert!(!Service::Ec2.cold_storage(true));
        assert!(Service::Efs.cold_storage(false));
        assert!(!Service::DynamoDb.cold_storage(true));
        assert!(Service::DynamoDbAdvanced.cold_storage(false));
    }

    #[test]
    fn types_without_cross_region_or_cross_account_copy_cannot_be_copied_at_all() {
        for s in [
            Service::FSxOntap,
            Service::RdsMultiAzCluster,
            Service::Redshift,
            Service::DynamoDb,
        ] {
            assert!(!s.can_be_copied(), "{s}");
        }
        assert!(Service::DynamoDbAdvanced.can_be_copied());
    }

    #[test]
    fn backup_jobs_of_the_types_stop_backup_job_names_cannot_be_stopped() {
        let unstoppable: Vec<ResourceType> = ResourceType::ALL
            .into_iter()
            .filter(|t| !t.backup_job_can_be_stopped())
            .collect();
        assert_eq!(
            unstoppable,
            [
                ResourceType::Aurora,
                ResourceType::DocumentDb,
                ResourceType::FSx,
                ResourceType::Neptune,
                ResourceType::Rds,
                ResourceType::SapHana,
            ]
        );
    }

    #[test]
    fn restores_name_their_resource_in_the_types_metadata_key() {
        assert_eq!(
            ResourceType::Rds.restore_new_name_key(),
            Some("DBInstanceIdentifier")
        );
        // S3 and EFS restore into the existing resource: no new name is needed.
        assert_eq!(ResourceType::S3.restore_new_name_key(), None);
        assert_eq!(
            ResourceType::S3.restore_name_key(),
            Some(("DestinationBucketName", ':'))
        );
        assert_eq!(
            ResourceType::Aurora
                .arn_of("us-east-1", "111122223333", "orders")
                .as_deref(),
            Some("arn:aws:rds:us-east-1:111122223333:cluster:orders")
        );
        assert_eq!(ResourceType::Redshift.arn_of("us-east-1", "1", "x"), None);
        assert_eq!(ResourceType::S3.continuous_restore_lag_minutes(), 15);
    }
}
