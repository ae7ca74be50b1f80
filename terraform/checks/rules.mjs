// Rules for terraform/, checked on the JSON that @cdktf/hcl2json makes of each file (offline:
// no provider download, no cloud account). Each rule returns a list of violations (strings), so
// the tests can show every problem at once and can prove each rule catches a broken config.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "@cdktf/hcl2json";

/** Parses every *.tf file of a directory into one merged configuration. */
export async function loadConfiguration(dir) {
  const merged = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".tf")).sort()) {
    const json = await parse(file, readFileSync(join(dir, file), "utf8"));
    for (const [section, body] of Object.entries(json)) {
      if (Array.isArray(body)) {
        merged[section] = [...(merged[section] ?? []), ...body];
      } else if (section !== "resource" && section !== "data") {
        // variable, output, provider, module: name → [block]
        merged[section] = { ...(merged[section] ?? {}), ...body };
      } else {
        // resource, data: type → name → [block]
        merged[section] ??= {};
        for (const [type, byName] of Object.entries(body)) {
          merged[section][type] = { ...(merged[section][type] ?? {}), ...byName };
        }
      }
    }
  }
  return merged;
}

export async function loadTfvars(file) {
  return parse(file, readFileSync(file, "utf8"));
}

const resources = (config, type) => Object.entries(config.resource?.[type] ?? {}).map(([name, [body]]) => ({ name, body }));
const one = (block) => (Array.isArray(block) ? block[0] : block);
const locals = (config) => Object.assign({}, ...(config.locals ?? []));

/** "${local.topics.task_events}" → "task-events"; other strings unchanged. */
export function resolveLocal(config, value) {
  const match = typeof value === "string" && value.match(/^\$\{local\.([\w.]+)\}$/);
  if (!match) return value;
  return match[1].split(".").reduce((node, key) => node?.[key], locals(config)) ?? value;
}

export function providerIsPinned(config) {
  const violations = [];
  const required = one(config.terraform?.[0]?.required_providers)?.digitalocean;
  if (!required) violations.push("terraform.required_providers has no digitalocean entry");
  else {
    if (required.source !== "digitalocean/digitalocean") violations.push(`provider source is ${required.source}`);
    if (required.version !== "~> 2.99") violations.push(`provider version is "${required.version}", expected "~> 2.99"`);
  }
  if (!config.terraform?.[0]?.required_version) violations.push("terraform.required_version is not set");
  for (const provider of config.provider?.digitalocean ?? []) {
    if ("token" in provider) violations.push("the digitalocean provider has a token in the configuration (use DIGITALOCEAN_TOKEN)");
  }
  if (!config.terraform?.[0]?.backend?.s3) violations.push("no remote state backend (s3 / Spaces)");
  return violations;
}

export function requiredResourcesPresent(config) {
  const violations = [];
  const need = (type, what) => {
    if (resources(config, type).length === 0) violations.push(`missing ${type} (${what})`);
  };
  need("digitalocean_project", "project");
  need("digitalocean_vpc", "VPC");
  need("digitalocean_container_registry", "container registry");
  need("digitalocean_kubernetes_cluster", "DOKS cluster");
  need("digitalocean_database_db", "the server's database");

  const [cluster] = resources(config, "digitalocean_kubernetes_cluster");
  if (cluster) {
    const b = cluster.body;
    if (!String(b.version).includes("data.digitalocean_kubernetes_versions.")) violations.push("cluster version is not taken from digitalocean_kubernetes_versions");
    if (!String(b.vpc_uuid).includes("digitalocean_vpc.")) violations.push("cluster is not in the VPC");
    if (!b.cluster_subnet || !b.service_subnet) violations.push("cluster is not VPC-native (cluster_subnet/service_subnet)");
    if (b.registry_integration !== true) violations.push("cluster has no registry integration");
    if (!b.maintenance_policy) violations.push("cluster has no maintenance window");
    const pool = one(b.node_pool);
    if (!pool || pool.auto_scale !== true || pool.min_nodes === undefined || pool.max_nodes === undefined) violations.push("default node pool does not auto-scale");
  }

  const engines = Object.fromEntries(resources(config, "digitalocean_database_cluster").map(({ name, body }) => [body.engine, { name, body }]));
  for (const engine of ["pg", "kafka", "valkey"]) {
    if (!engines[engine]) violations.push(`missing managed ${engine} cluster`);
  }
  if (engines.redis) violations.push("managed Redis is gone on DigitalOcean: use engine = \"valkey\"");
  if (engines.kafka && engines.kafka.body.node_count !== 3) violations.push(`Kafka has ${engines.kafka.body.node_count} nodes, expected 3`);
  for (const { name, body } of resources(config, "digitalocean_database_cluster")) {
    if (!String(body.private_network_uuid).includes("digitalocean_vpc.")) violations.push(`database ${name} is not on the VPC's private network`);
  }

  const topics = resources(config, "digitalocean_database_kafka_topic").map(({ body }) => resolveLocal(config, body.name));
  for (const topic of ["task-events", "task-events.dlq"]) {
    if (!topics.includes(topic)) violations.push(`missing Kafka topic ${topic}`);
  }
  const kafkaUsers = resources(config, "digitalocean_database_user").filter(({ body }) => String(body.cluster_id).includes(".kafka."));
  if (kafkaUsers.length < 2) violations.push("expected a Kafka user for the server and one for the consumers");
  for (const { name, body } of kafkaUsers) {
    const acls = (one(body.settings)?.acl ?? []).map((acl) => ({ ...acl, topic: resolveLocal(config, acl.topic) }));
    if (acls.length === 0) violations.push(`Kafka user ${name} has no topic ACLs`);
    for (const acl of acls) {
      if (acl.permission === "admin" || acl.topic === "*") violations.push(`Kafka user ${name} has a broad ACL ${acl.topic}:${acl.permission}`);
    }
  }
  return violations;
}

/** Every managed database has a firewall, and every rule admits only the Kubernetes cluster. */
export function firewallsAdmitOnlyTheCluster(config) {
  const violations = [];
  const firewalls = resources(config, "digitalocean_database_firewall");
  for (const { name } of resources(config, "digitalocean_database_cluster")) {
    const guarding = firewalls.filter(({ body }) => body.cluster_id === `\${digitalocean_database_cluster.${name}.id}`);
    if (guarding.length === 0) violations.push(`database ${name} has no firewall (open to the internet)`);
    for (const { name: firewall, body } of guarding) {
      const rules = body.rule ?? [];
      if (rules.length === 0) violations.push(`firewall ${firewall} has no rules`);
      for (const rule of rules) {
        if (rule.type !== "k8s" || !String(rule.value).startsWith("${digitalocean_kubernetes_cluster.")) {
          violations.push(`firewall ${firewall} admits ${rule.type}:${rule.value}, not only the cluster`);
        }
      }
    }
  }
  return violations;
}

const SECRET_ATTRIBUTE = /\.(password|private_uri|uri|raw_config|token|client_key|access_key)\b|kube_config/;

/** An output that carries a password, a credentialed URI or a kubeconfig must be sensitive. */
export function secretsAreSensitive(config) {
  const violations = [];
  for (const [name, [output]] of Object.entries(config.output ?? {})) {
    if (SECRET_ATTRIBUTE.test(String(output.value)) && output.sensitive !== true) {
      violations.push(`output ${name} exposes ${output.value} without sensitive = true`);
    }
    if (!output.description) violations.push(`output ${name} has no description`);
  }
  return violations;
}

/** Every variable is typed and described; every non-boolean one is validated. */
export function variablesAreValidated(config) {
  const violations = [];
  for (const [name, [variable]] of Object.entries(config.variable ?? {})) {
    if (!variable.description) violations.push(`variable ${name} has no description`);
    if (!variable.type) violations.push(`variable ${name} has no type`);
    if (variable.type !== "${bool}" && !variable.validation) violations.push(`variable ${name} has no validation`);
  }
  return violations;
}

/** A tfvars file sets only declared variables and every variable that has no default. */
export function tfvarsMatchVariables(config, tfvars) {
  const violations = [];
  const declared = config.variable ?? {};
  for (const key of Object.keys(tfvars)) {
    if (!(key in declared)) violations.push(`sets undeclared variable ${key}`);
  }
  for (const [name, [variable]] of Object.entries(declared)) {
    if (!("default" in variable) && !(name in tfvars)) violations.push(`does not set required variable ${name}`);
  }
  return violations;
}
