locals {
  name = "tasklane-${var.environment}"
  tags = ["tasklane", var.environment]
  # The topics the services use (docs/events.md): every event, and the consumers' poison messages.
  topics = {
    task_events     = "task-events"
    task_events_dlq = "task-events.dlq"
  }
}

resource "digitalocean_project" "tasklane" {
  name        = local.name
  description = "Tasklane sync hub (${var.environment})"
  purpose     = "Web Application"
  environment = var.environment == "production" ? "Production" : "Staging"
}

resource "digitalocean_vpc" "tasklane" {
  name     = local.name
  region   = var.region
  ip_range = var.vpc_ip_range
}

# ---------------------------------------------------------------- container registry

resource "digitalocean_container_registry" "tasklane" {
  count                  = var.create_registry ? 1 : 0
  name                   = var.registry_name
  subscription_tier_slug = var.registry_tier
  region                 = var.region
}

data "digitalocean_container_registry" "tasklane" {
  name       = var.registry_name
  depends_on = [digitalocean_container_registry.tasklane]
}

# ---------------------------------------------------------------- Kubernetes (DOKS)

data "digitalocean_kubernetes_versions" "current" {
  version_prefix = var.kubernetes_version_prefix
}

resource "digitalocean_kubernetes_cluster" "tasklane" {
  name     = local.name
  region   = var.region
  version  = data.digitalocean_kubernetes_versions.current.latest_version
  vpc_uuid = digitalocean_vpc.tasklane.id
  # VPC-native networking: pods get routable addresses, which DOKS' managed Gateway API needs.
  cluster_subnet = var.cluster_subnet
  service_subnet = var.service_subnet

  ha            = var.ha_control_plane
  auto_upgrade  = true
  surge_upgrade = true
  # Nodes pull from the account's registry without image pull secrets.
  registry_integration = true
  tags                 = local.tags

  maintenance_policy {
    day        = var.maintenance_day
    start_time = var.maintenance_start_time
  }

  node_pool {
    name       = "${local.name}-workers"
    size       = var.node_size
    auto_scale = true
    min_nodes  = var.node_min
    max_nodes  = var.node_max
    tags       = local.tags
    labels = {
      "tasklane.dev/pool" = "workers"
    }
  }

  depends_on = [data.digitalocean_container_registry.tasklane]

  lifecycle {
    precondition {
      condition     = var.node_max >= var.node_min
      error_message = "node_max must be at least node_min."
    }
  }
}

# ---------------------------------------------------------------- PostgreSQL

resource "digitalocean_database_cluster" "postgres" {
  name                 = "${local.name}-pg"
  engine               = "pg"
  version              = var.postgres_version
  size                 = var.postgres_size
  region               = var.region
  node_count           = var.postgres_nodes
  private_network_uuid = digitalocean_vpc.tasklane.id
  project_id           = digitalocean_project.tasklane.id
  tags                 = local.tags

  maintenance_window {
    day  = var.maintenance_day == "any" ? "sunday" : var.maintenance_day
    hour = "${var.maintenance_start_time}:00"
  }
}

resource "digitalocean_database_db" "tasklane" {
  cluster_id = digitalocean_database_cluster.postgres.id
  name       = "tasklane"
}

# The server owns its schema (Flyway migrates at start); the consumers get their own login.
resource "digitalocean_database_user" "server" {
  cluster_id = digitalocean_database_cluster.postgres.id
  name       = "tasklane_server"
}

resource "digitalocean_database_user" "consumers" {
  cluster_id = digitalocean_database_cluster.postgres.id
  name       = "tasklane_consumers"
}

resource "digitalocean_database_firewall" "postgres" {
  cluster_id = digitalocean_database_cluster.postgres.id
  # Only the Kubernetes cluster's nodes and pods may connect.
  rule {
    type  = "k8s"
    value = digitalocean_kubernetes_cluster.tasklane.id
  }
}

data "digitalocean_database_ca" "postgres" {
  cluster_id = digitalocean_database_cluster.postgres.id
}

# ---------------------------------------------------------------- Kafka

resource "digitalocean_database_cluster" "kafka" {
  name                 = "${local.name}-kafka"
  engine               = "kafka"
  version              = var.kafka_version
  size                 = var.kafka_size
  region               = var.region
  node_count           = 3
  private_network_uuid = digitalocean_vpc.tasklane.id
  project_id           = digitalocean_project.tasklane.id
  tags                 = local.tags
}

resource "digitalocean_database_kafka_topic" "task_events" {
  cluster_id         = digitalocean_database_cluster.kafka.id
  name               = local.topics.task_events
  partition_count    = var.task_events_partitions
  replication_factor = 3
  config {
    cleanup_policy      = "delete"
    retention_ms        = var.task_events_retention_hours * 3600 * 1000
    min_insync_replicas = 2
    # acks=all with 2 in-sync replicas: an acknowledged event survives the loss of one broker.
    unclean_leader_election_enable = false
  }
}

resource "digitalocean_database_kafka_topic" "task_events_dlq" {
  cluster_id         = digitalocean_database_cluster.kafka.id
  name               = local.topics.task_events_dlq
  partition_count    = 3
  replication_factor = 3
  config {
    cleanup_policy                 = "delete"
    retention_ms                   = 30 * 24 * 3600 * 1000
    min_insync_replicas            = 2
    unclean_leader_election_enable = false
  }
}

# The sync server only publishes task events (outbox relay) and reads the reminder events the
# reminders service emits on the same topic.
resource "digitalocean_database_user" "kafka_server" {
  cluster_id = digitalocean_database_cluster.kafka.id
  name       = "tasklane-server"
  settings {
    acl {
      topic      = local.topics.task_events
      permission = "produceconsume"
    }
  }
}

# The consumers read task-events, emit follow-up events to it, and park poison messages in the DLQ.
resource "digitalocean_database_user" "kafka_consumers" {
  cluster_id = digitalocean_database_cluster.kafka.id
  name       = "tasklane-consumers"
  settings {
    acl {
      topic      = local.topics.task_events
      permission = "produceconsume"
    }
    acl {
      topic      = local.topics.task_events_dlq
      permission = "produceconsume"
    }
  }
}

resource "digitalocean_database_firewall" "kafka" {
  cluster_id = digitalocean_database_cluster.kafka.id
  rule {
    type  = "k8s"
    value = digitalocean_kubernetes_cluster.tasklane.id
  }
}

data "digitalocean_database_ca" "kafka" {
  cluster_id = digitalocean_database_cluster.kafka.id
}

# ---------------------------------------------------------------- Valkey (replaces managed Redis)

resource "digitalocean_database_cluster" "valkey" {
  name                 = "${local.name}-valkey"
  engine               = "valkey"
  version              = var.valkey_version
  size                 = var.valkey_size
  region               = var.region
  node_count           = 1
  private_network_uuid = digitalocean_vpc.tasklane.id
  project_id           = digitalocean_project.tasklane.id
  tags                 = local.tags
}

resource "digitalocean_database_firewall" "valkey" {
  cluster_id = digitalocean_database_cluster.valkey.id
  rule {
    type  = "k8s"
    value = digitalocean_kubernetes_cluster.tasklane.id
  }
}

# ---------------------------------------------------------------- project membership

# The database clusters join the project through their project_id; the cluster has no such
# argument, so it is assigned here (assigning the databases twice would fight over them).
resource "digitalocean_project_resources" "tasklane" {
  project   = digitalocean_project.tasklane.id
  resources = [digitalocean_kubernetes_cluster.tasklane.urn]
}
