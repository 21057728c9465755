//! The resource types AWS Backup protects and what it can do for each: the one table of the
//! service-support matrix that the checks, the simulation and the page all read.
//!
//! Names are the API model's `ResourceType` values. The capabilities are those of the project's
//! AWS Backup guide (its "What Can AWS Backup Protect?" matrix); the reference material has no
//! AWS table to check them against, so they are the guide's, as the guide gives them.

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

/// What AWS Backup can do for a resource type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capabilities {
    /// Continuous backup (point-in-time recovery, up to 35 days back).
    pub continuous: bool,
    /// Recovery points can move to cold storage (MoveToColdStorageAfterDays applies).
    pub cold_storage: bool,
    pub cross_region_copy: bool,
    pub cross_account_copy: bool,
}

const fn caps(continuous: bool, cold: bool, region: bool, account: bool) -> Capabilities {
    Capabilities {
        continuous,
        cold_storage: cold,
        cross_region_copy: region,
        cross_account_copy: account,
    }
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

    /// The guide's matrix. FSx for ONTAP has no cross-Region or cross-account copy, and
    /// DynamoDB's cold storage needs its advanced features; the type-level row is the guide's.
    pub fn capabilities(self) -> Capabilities {
        match self {
            ResourceType::Ec2 | ResourceType::Ebs | ResourceType::Efs => {
                caps(false, true, true, true)
            }
            ResourceType::FSx => caps(false, false, true, true),
            ResourceType::S3 | ResourceType::Rds | ResourceType::Aurora => {
                caps(true, false, true, true)
            }
            ResourceType::DynamoDb | ResourceType::SapHana => caps(true, true, true, true),
            ResourceType::DocumentDb
            | ResourceType::Neptune
            | ResourceType::Eks
            | ResourceType::StorageGateway
            | ResourceType::CloudFormation => caps(false, false, true, true),
            ResourceType::Redshift => caps(false, false, false, false),
            ResourceType::Timestream | ResourceType::VirtualMachine => {
                caps(false, true, true, true)
            }
        }
    }

    /// The resource type an ARN names, where its form tells (`arn:aws:ec2:…:volume/…` is EBS).
    /// RDS, Aurora, DocumentDB and Neptune share `arn:aws:rds:`: a `db:` is RDS, a `cluster:`
    /// is Aurora unless the engine says otherwise, which an ARN cannot; so clusters read as
    /// Aurora.
    pub fn from_arn(arn: &str) -> Option<ResourceType> {
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
            "rds" if resource.starts_with("cluster:") => ResourceType::Aurora,
            "dynamodb" => ResourceType::DynamoDb,
            "redshift" => ResourceType::Redshift,
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
    fn the_matrix_follows_the_guide() {
        assert!(!ResourceType::Rds.capabilities().cold_storage);
        assert!(ResourceType::Efs.capabilities().cold_storage);
        assert!(ResourceType::S3.capabilities().continuous);
        assert!(!ResourceType::Redshift.capabilities().cross_region_copy);
        assert!(!ResourceType::Redshift.capabilities().cross_account_copy);
    }
}
