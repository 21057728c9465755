import { expect, test } from '@playwright/test';
import { collectErrors } from './page-errors';
import * as zlib from 'zlib';

// A YAML plan from the plan editor driving the simulator; what the inspector says of a
// continuous point's window and of a job waiting; a rule whose primary target is an air-gapped
// vault, drawn and labelled so.

/** `value` as block-style YAML (strings double-quoted, as JSON writes them). */
function toYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    return value
      .map((item) => {
        const inner = toYaml(item, indent + '  ');
        return typeof item === 'object' && item !== null
          ? `${indent}- ${inner.trimStart()}`
          : `${indent}- ${inner.trim()}\n`;
      })
      .join('');
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .map(([key, v]) =>
        typeof v === 'object' && v !== null && Object.keys(v).length > 0
          ? `${indent}${key}:\n${toYaml(v, indent + '  ')}`
          : `${indent}${key}: ${JSON.stringify(v)}\n`,
      )
      .join('');
  }
  return JSON.stringify(value) + '\n';
}

/** Two plans in one account: a continuous backup kept 7 days and copied to a Region that is down
 * until noon; an EBS volume backed up with an air-gapped vault as the primary target. */
const SCENARIO = {
  "Name": "mends",
  "StartTime": "2024-01-15T00:00:00Z",
  "Seed": 3,
  "Accounts": [
    {
      "Id": "111122223333",
      "Regions": [
        "us-east-1",
        "us-west-2"
      ]
    }
  ],
  "Resources": [
    {
      "Arn": "arn:aws:rds:us-east-1:111122223333:db:orders",
      "Name": "orders",
      "Tags": {
        "Backup": "continuous"
      },
      "SizeGb": 20
    },
    {
      "Arn": "arn:aws:ec2:us-east-1:111122223333:volume/vol-0123456789abcdef0",
      "Name": "data-volume",
      "Tags": {
        "Backup": "vaulted"
      },
      "SizeGb": 50
    }
  ],
  "Vaults": [
    {
      "Name": "prod-vault",
      "Account": "111122223333",
      "Region": "us-east-1"
    },
    {
      "Name": "dr-vault",
      "Account": "111122223333",
      "Region": "us-west-2"
    },
    {
      "Name": "air-gapped-vault",
      "Account": "111122223333",
      "Region": "us-east-1",
      "AirGapped": true,
      "Lock": {
        "MinRetentionDays": 7,
        "MaxRetentionDays": 365
      }
    }
  ],
  "Plans": [
    {
      "Account": "111122223333",
      "Region": "us-east-1",
      "Document": {
        "BackupPlanName": "continuous-plan",
        "Rules": [
          {
            "RuleName": "Continuous",
            "TargetBackupVaultName": "prod-vault",
            "ScheduleExpression": "cron(0 2 * * ? *)",
            "EnableContinuousBackup": true,
            "Lifecycle": {
              "DeleteAfterDays": 7
            },
            "CopyActions": [
              {
                "DestinationBackupVaultArn": "arn:aws:backup:us-west-2:111122223333:backup-vault:dr-vault",
                "Lifecycle": {
                  "DeleteAfterDays": 7
                }
              }
            ]
          }
        ],
        "Selections": [
          {
            "SelectionName": "continuous",
            "IamRoleArn": "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole",
            "ListOfTags": [
              {
                "ConditionType": "STRINGEQUALS",
                "ConditionKey": "Backup",
                "ConditionValue": "continuous"
              }
            ]
          }
        ]
      }
    },
    {
      "Account": "111122223333",
      "Region": "us-east-1",
      "Document": {
        "BackupPlanName": "vaulted-plan",
        "Rules": [
          {
            "RuleName": "Vaulted",
            "TargetBackupVaultName": "prod-vault",
            "ScheduleExpression": "cron(0 3 * * ? *)",
            "TargetLogicallyAirGappedBackupVaultArn": "arn:aws:backup:us-east-1:111122223333:backup-vault:air-gapped-vault",
            "Lifecycle": {
              "DeleteAfterDays": 30
            }
          }
        ],
        "Selections": [
          {
            "SelectionName": "vaulted",
            "IamRoleArn": "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole",
            "ListOfTags": [
              {
                "ConditionType": "STRINGEQUALS",
                "ConditionKey": "Backup",
                "ConditionValue": "vaulted"
              }
            ]
          }
        ]
      }
    }
  ],
  "Faults": [
    {
      "Fault": "RegionOutage",
      "Region": "us-west-2",
      "From": "2024-01-15T01:00:00Z",
      "Until": "2024-01-15T12:00:00Z"
    }
  ]
};

const link = (at: string) =>
  `/?panel=simulate&custom=${zlib.deflateRawSync(Buffer.from(JSON.stringify(SCENARIO))).toString('base64url')}&at=${at}`;

test('a YAML plan edited in the plan editor drives the simulator', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate&scenario=three-tier-web-app');
  await page.getByTestId('edit-plan-0').click();
  const editor = page.getByTestId('plan-editor');
  await expect(editor).toHaveValue(/"BackupPlanName": "prod-backup-plan"/);
  // The same plan written as YAML, its backups at 14:00 instead of 02:00.
  const plan = JSON.parse(await editor.inputValue());
  const yaml = toYaml(plan).replace('cron(0 2 * * ? *)', 'cron(0 14 * * ? *)');
  expect(yaml).toContain('cron(0 14 * * ? *)');
  expect(yaml.trimStart().startsWith('{')).toBe(false);
  await editor.fill(yaml);
  await expect(page.getByTestId('plan-counts')).toContainText('0 errors');
  await page.getByTestId('simulate-plan').click();
  await expect(page).toHaveURL(/panel=simulate/);
  await expect(page.getByTestId('scenario-picker')).toHaveValue('custom');
  await page.getByTestId('timeline-jump').fill('2024-01-15T13:00');
  await page.getByTestId('timeline-go').click();
  await expect(page.getByTestId('job-counts')).toContainText('0 backup jobs');
  await page.getByTestId('timeline-jump').fill('2024-01-15T14:00');
  await page.getByTestId('timeline-go').click();
  await expect(page.getByTestId('job-counts')).toContainText('3 backup jobs');
  expect(errors).toEqual([]);
});

test('the inspector gives a waiting copy job its status message, and a continuous point the window its retention keeps', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(link('2024-01-15T03:00:00Z'));
  await expect(page.getByTestId('scenario-picker')).toHaveValue('custom');
  await expect(page.getByTestId('scenario-problems')).toHaveCount(0);
  // The copy to us-west-2 waits in CREATED while the Region is down: the inspector says why.
  const waiting = page.getByTestId('timeline').locator('[data-testid="job-bar"][data-kind="copy"][data-state="CREATED"]');
  await expect(waiting).toHaveCount(1);
  await waiting.click();
  const message = page.getByTestId('inspector-status-message');
  await expect(message).toContainText('StatusMessage (CREATED)');
  await expect(message).toContainText('AWS Backup is unavailable in us-west-2');

  // Ten days on, the continuous point restores to any second of the last 7 days (its
  // DeleteAfterDays), up to 5 minutes ago for RDS: not a 35-day window.
  await page.getByTestId('timeline-jump').fill('2024-01-25T00:00');
  await page.getByTestId('timeline-go').click();
  await page.getByTestId('architecture-diagram').getByTestId('arch-resource-orders').click();
  await expect(page.getByTestId('inspector-title')).toHaveText('orders');
  await expect(page.getByTestId('inspector-points')).toContainText(
    'restorable 2024-01-18T00:00:00Z to 2024-01-24T23:55:00Z',
  );
  await expect(page.getByTestId('inspector-points')).not.toContainText('35-day');
  expect(errors).toEqual([]);
});

test('a rule whose primary target is an air-gapped vault is drawn to it, labelled so', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(link('2024-01-15T03:00:00Z'));
  const architecture = page.getByTestId('architecture-diagram');
  await expect(architecture.getByTestId('air-gapped-flow')).toHaveText('primary target (air-gapped)');
  await expect(architecture.locator('.flow.backup.air-gapped')).toHaveCount(1);
  await page.getByTestId('architecture-mermaid-toggle').click();
  await expect(page.getByTestId('architecture-mermaid')).toContainText('-->|primary target (air-gapped)| v2');
  expect(errors).toEqual([]);
});
