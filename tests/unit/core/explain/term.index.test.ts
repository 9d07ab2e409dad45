import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDecks } from '../../../../src/core/content/content.loader.js';
import { createTermIndex } from '../../../../src/core/explain/term.index.js';

const contentDir = fileURLToPath(new URL('../../../../content', import.meta.url));
const index = createTermIndex(await loadDecks(contentDir));

/** What people type → the term /explain must open. */
const OPENS: [string, string][] = [
  // The lookups the review found missing or wrong.
  ['cognito', 'amazon-cognito'],
  ['audit manager', 'aws-audit-manager'],
  ['parameter store', 'parameter-store'],
  ['credential report', 'credential-report'],
  ['key rotation', 'kms-key'],
  ['amazon cloudtrail', 'aws-cloudtrail'],
  ['aws security token service', 'sts'],
  ['gdpr', 'gdpr'],
  ['acl', 'network-acl'],
  ['permissions', 'iam-policy'],
  ['vpn', 'aws-vpn'],
  ['patch management', 'shared-controls'],
  ['inherited controls', 'inherited-controls'],
  ['customer specific controls', 'customer-specific-controls'],
  // Question forms and vendor prefixes.
  ['what is an scp', 'scp'],
  ["what's kms", 'aws-kms'],
  ['explain iam', 'iam'],
  ['what is the shared responsibility model?', 'shared-responsibility-model'],
  ['what are security groups', 'security-group'],
  ['define least privilege', 'least-privilege'],
  ['tell me about aws artifact', 'aws-artifact'],
  ['what does mfa mean', 'mfa'],
  ['who is the root user', 'root-user'],
  ['what is amazon guardduty', 'amazon-guardduty'],
  ['amazon inspector', 'amazon-inspector'],
  ['aws macie', 'amazon-macie'],
  ['amazon kms', 'aws-kms'],
  ['aws cognito', 'amazon-cognito'],
  ['amazon audit manager', 'aws-audit-manager'],
  ['aws control tower', 'aws-control-tower'],
  ['aws network firewall', 'aws-network-firewall'],
  ['aws directory service', 'aws-directory-service'],
  ['aws resource access manager', 'aws-ram'],
  ['amazon security hub', 'aws-security-hub'],
  ['aws waf', 'aws-waf'],
  ['amazon shield', 'aws-shield'],
  ['what is aws shield advanced', 'shield-advanced'],
  ['amazon vpc', 'amazon-vpc'],
  ['aws cloudwatch', 'amazon-cloudwatch'],
  ['aws config', 'aws-config'],
  ['aws trusted advisor', 'aws-trusted-advisor'],
  ['aws organizations', 'aws-organizations'],
  ['what is an ou', 'organizational-unit'],
  ['what is a nacl', 'network-acl'],
  ['explain ddos', 'ddos-attack'],
  ['what is sts', 'sts'],
  ['secrets manager', 'aws-secrets-manager'],
  ['systems manager parameter store', 'parameter-store'],
  ['securestring', 'parameter-store'],
  ['last accessed information', 'last-accessed-information'],
  ['access advisor', 'last-accessed-information'],
  ['credentials report', 'credential-report'],
  ['landing zone', 'aws-control-tower'],
  ['guardrails', 'aws-control-tower'],
  ['data residency', 'data-residency'],
  ['general data protection regulation', 'gdpr'],
  ['govcloud', 'aws-govcloud'],
  ['itar', 'aws-govcloud'],
  ['hipaa eligible services', 'services-in-scope'],
  ['services in scope', 'services-in-scope'],
  ['managed policy', 'managed-policy'],
  ['customer managed policy', 'managed-policy'],
  ['aws managed policy', 'managed-policy'],
  ['inline policy', 'inline-policy'],
  ['cross account role', 'cross-account-role'],
  ['switch role', 'cross-account-role'],
  ['user pool', 'amazon-cognito'],
  ['identity pools', 'amazon-cognito'],
  ['active directory', 'aws-directory-service'],
  ['centralized root access', 'centralized-root-access'],
  ['assumeroot', 'centralized-root-access'],
  ['site to site vpn', 'aws-vpn'],
  ['client side encryption', 'client-side-encryption'],
  ['marketplace', 'aws-marketplace'],
  ['knowledge center', 'aws-knowledge-center'],
  ['security blog', 'aws-security-blog'],
  ['security bulletins', 'aws-security-center'],
  ['penetration testing', 'penetration-testing'],
  ['pen test', 'penetration-testing'],
  ['report abuse', 'aws-abuse-reporting'],
  ['security hub cspm', 'security-hub-cspm'],
  ['cspm', 'security-hub-cspm'],
  ['lambda shared responsibility', 'managed-service-responsibility'],
  ['root user tasks', 'root-user-tasks'],
  ['security of the cloud', 'security-of-the-cloud'],
  ['security in the cloud', 'security-in-the-cloud'],
  ['homeowner analogy', 'homebuilder-homeowner-analogy'],
  ['hypervisor', 'hypervisor'],
  ['guest os', 'guest-os-patching'],
  ['data center security', 'physical-security'],
  ['root account', 'root-user'],
  ['access keys', 'access-keys'],
  ['secret access key', 'access-keys'],
  ['authentication vs authorization', 'authentication-authorization'],
  ['multi account', 'multi-account-strategy'],
  ['iam user', 'iam-user'],
  ['iam group', 'iam-group'],
  ['iam role', 'iam-role'],
  ['instance profile', 'service-role'],
  ['federation', 'identity-federation'],
  ['saml federation', 'identity-federation'],
  ['sso', 'iam-identity-center'],
  ['identity center', 'iam-identity-center'],
  ['access analyzer', 'iam-access-analyzer'],
  ['password policy', 'password-policy'],
  ['explicit deny', 'explicit-deny'],
  ['implicit deny', 'explicit-deny'],
  ['bucket policy', 'resource-based-policy'],
  ['org root', 'organization-root'],
  ['management account', 'management-account'],
  ['member account', 'member-account'],
  ['consolidated billing', 'consolidated-billing'],
  ['artifact agreements', 'artifact-agreements'],
  ['artifact reports', 'artifact-reports'],
  ['baa', 'hipaa-baa'],
  ['soc 2', 'soc-reports'],
  ['pci dss', 'pci-dss'],
  ['iso 27001', 'iso-certifications'],
  ['customer compliance center', 'customer-compliance-center'],
  ['auditor learning path', 'auditor-learning-path'],
  ['dos attack', 'dos-attack'],
  ['syn flood', 'network-layer-attack'],
  ['http flood', 'application-layer-attack'],
  ['slowloris', 'application-layer-attack'],
  ['shield standard', 'shield-standard'],
  ['shield response team', 'shield-response-team'],
  ['web application firewall', 'aws-waf'],
  ['cdn', 'amazon-cloudfront'],
  ['firewall manager', 'aws-firewall-manager'],
  ['security group', 'security-group'],
  ['stateless', 'stateful-vs-stateless'],
  ['private subnet', 'subnet'],
  ['flow logs', 'vpc-flow-logs'],
  ['threat detection', 'amazon-guardduty'],
  ['vulnerability scanning', 'amazon-inspector'],
  ['cloud trail', 'aws-cloudtrail'],
  ['config rules', 'aws-config'],
  ['detective', 'amazon-detective'],
  ['cloudwatch alarm', 'amazon-cloudwatch'],
  ['cmk', 'kms-key'],
  ['encryption at rest', 'encryption-at-rest'],
  ['tls', 'encryption-in-transit'],
  ['pii', 'amazon-macie'],
  ['acm', 'aws-certificate-manager'],
  ['hsm', 'aws-cloudhsm'],
  ['block public access', 's3-access-control'],
  ['mfa delete', 'mfa-delete'],
  // Words only an explanation uses.
  ['cryptocurrency mining', 'amazon-guardduty'],
  ['envelope encryption', 'kms-key'],
  ['log file integrity validation', 'aws-cloudtrail'],
  ['graph analytics', 'amazon-detective'],
];

describe('/explain opens the term people mean', () => {
  it('holds at least 150 lookups', () => expect(OPENS.length).toBeGreaterThanOrEqual(150));

  it.each(OPENS)('"%s" opens %s', (query, id) => {
    const r = index.lookup(query);
    expect(
      r.kind === 'found'
        ? r.ref.term.id
        : `${r.kind}: ${r.kind === 'suggestions' ? r.suggestions.map((s) => s.term.id).join(', ') : ''}`,
    ).toBe(id);
  });

  it('offers related matches as "See also" ("acl" also means S3 ACLs and web ACLs)', () => {
    const r = index.lookup('acl');
    expect(r.kind === 'found' && r.seeAlso.map((s) => s.term.id)).toEqual(
      expect.arrayContaining(['s3-access-control']),
    );
  });

  it('suggests, rather than opens, for typos, nearest first', () => {
    const r = index.lookup('guarduty');
    expect(r.kind).toBe('suggestions');
    expect(r.kind === 'suggestions' && r.suggestions[0]?.term.id).toBe('amazon-guardduty');
  });

  it('autocompletes from prefixes, acronyms first', () => {
    expect(index.complete('scp', 5)[0]?.term.id).toBe('scp');
    expect(index.complete('cogn', 5).map((r) => r.term.id)).toContain('amazon-cognito');
    expect(index.complete('permi', 5)[0]?.term.id).not.toBe('iam-identity-center');
  });
});

describe('findInText: the terms a message names (issue 17, "Explain terms in this message")', () => {
  it('finds names, aliases, plurals and vendor-free names as whole words, in the order they appear', () => {
    const found = (text: string) => index.findInText(text).map((r) => r.term.id);
    expect(found('We rotate the KMS keys and check CloudTrail logs; is MFA on for the root user?')).toEqual([
      'kms-key',
      'aws-cloudtrail',
      'mfa',
      'root-user',
    ]);
    // A longer name wins over a shorter one inside it; plurals meet their singular.
    expect(found('The security groups and network ACLs of our VPC')).toEqual([
      'security-group',
      'network-acl',
      'amazon-vpc',
    ]);
    // Each term once, however often it is named.
    expect(found('MFA, mfa and MFA again')).toEqual(['mfa']);
  });

  it('finds nothing in a message without terms, nor inside other words, and honours the limit', () => {
    expect(index.findInText('Lunch at noon, anyone? I will bring the data.')).toEqual([]);
    expect(index.findInText('kmsx cloudtrailing')).toEqual([]);
    expect(index.findInText('MFA KMS CloudTrail VPC', 2)).toHaveLength(2);
  });
});
