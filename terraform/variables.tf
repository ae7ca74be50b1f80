variable "environment" {
  description = "Environment name; prefixes every resource (e.g. staging, production)."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,15}$", var.environment))
    error_message = "environment must be 2-16 lowercase letters, digits or dashes, starting with a letter."
  }
}

variable "region" {
  description = "DigitalOcean region slug for every resource (the managed databases and the cluster must share it for private networking)."
  type        = string
  default     = "fra1"
  validation {
    condition     = contains(["nyc1", "nyc3", "sfo2", "sfo3", "ams3", "sgp1", "lon1", "fra1", "tor1", "blr1", "syd1", "atl1"], var.region)
    error_message = "region must be a DigitalOcean region that offers Kubernetes and managed databases."
  }
}

variable "vpc_ip_range" {
  description = "Private range of the VPC; the chart's networkPolicy.managedServices.cidrs must contain it."
  type        = string
  default     = "10.110.0.0/20"
  validation {
    condition     = can(cidrhost(var.vpc_ip_range, 0)) && tonumber(split("/", var.vpc_ip_range)[1]) >= 16 && tonumber(split("/", var.vpc_ip_range)[1]) <= 24
    error_message = "vpc_ip_range must be a CIDR between /16 and /24."
  }
}

variable "cluster_subnet" {
  description = "Pod network of the VPC-native cluster; must not overlap the VPC or the service subnet."
  type        = string
  default     = "10.200.0.0/16"
  validation {
    condition     = can(cidrhost(var.cluster_subnet, 0))
    error_message = "cluster_subnet must be a CIDR."
  }
}

variable "service_subnet" {
  description = "Service network of the VPC-native cluster."
  type        = string
  default     = "10.201.0.0/16"
  validation {
    condition     = can(cidrhost(var.service_subnet, 0))
    error_message = "service_subnet must be a CIDR."
  }
}

variable "kubernetes_version_prefix" {
  description = "Minor version the cluster tracks, e.g. \"1.33.\"; the newest patch comes from the versions data source. 1.33+ brings DOKS' managed Gateway API."
  type        = string
  default     = "1.33."
  validation {
    condition     = can(regex("^1\\.(3[3-9]|[4-9][0-9])\\.$", var.kubernetes_version_prefix))
    error_message = "kubernetes_version_prefix must look like \"1.33.\" (1.33 or newer: the chart uses the managed Gateway API)."
  }
}

variable "node_size" {
  description = "Droplet size of the worker nodes."
  type        = string
  default     = "s-2vcpu-4gb"
  validation {
    condition     = can(regex("^[a-z0-9]+-[0-9]+vcpu-[0-9]+gb", var.node_size))
    error_message = "node_size must be a Droplet size slug such as s-2vcpu-4gb."
  }
}

variable "node_min" {
  description = "Fewest worker nodes the autoscaler keeps (2+ so a node drain never stops the service)."
  type        = number
  default     = 2
  validation {
    condition     = var.node_min >= 1 && var.node_min <= 50
    error_message = "node_min must be between 1 and 50."
  }
}

variable "node_max" {
  description = "Most worker nodes the autoscaler may add."
  type        = number
  default     = 5
  validation {
    condition     = var.node_max >= 1 && var.node_max <= 100
    error_message = "node_max must be between 1 and 100."
  }
}

variable "ha_control_plane" {
  description = "High-availability control plane (cannot be switched off again)."
  type        = bool
  default     = false
}

variable "maintenance_day" {
  description = "Day of the weekly maintenance window (patch upgrades of the cluster)."
  type        = string
  default     = "sunday"
  validation {
    condition     = contains(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "any"], var.maintenance_day)
    error_message = "maintenance_day must be a weekday name or \"any\"."
  }
}

variable "maintenance_start_time" {
  description = "Start of the maintenance window, UTC, HH:MM."
  type        = string
  default     = "03:00"
  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]$", var.maintenance_start_time))
    error_message = "maintenance_start_time must be HH:MM in 24-hour UTC."
  }
}

variable "postgres_version" {
  description = "Major version of the managed PostgreSQL."
  type        = string
  default     = "17"
  validation {
    condition     = contains(["15", "16", "17"], var.postgres_version)
    error_message = "postgres_version must be 15, 16 or 17."
  }
}

variable "postgres_size" {
  description = "Size slug of each PostgreSQL node."
  type        = string
  default     = "db-s-1vcpu-2gb"
  validation {
    condition     = can(regex("^(db|gd|so1_5|m)-", var.postgres_size))
    error_message = "postgres_size must be a database size slug such as db-s-1vcpu-2gb."
  }
}

variable "postgres_nodes" {
  description = "PostgreSQL nodes: 1 (primary only) or 2-3 (with standbys for failover)."
  type        = number
  default     = 1
  validation {
    condition     = var.postgres_nodes >= 1 && var.postgres_nodes <= 3
    error_message = "postgres_nodes must be 1, 2 or 3."
  }
}

variable "kafka_version" {
  description = "Version of the managed Kafka."
  type        = string
  default     = "3.8"
  validation {
    condition     = can(regex("^3\\.[0-9]+$", var.kafka_version))
    error_message = "kafka_version must look like 3.8."
  }
}

variable "kafka_size" {
  description = "Size slug of each Kafka broker."
  type        = string
  default     = "db-s-2vcpu-4gb"
  validation {
    condition     = can(regex("^(db|gd|so1_5|m)-", var.kafka_size))
    error_message = "kafka_size must be a database size slug such as db-s-2vcpu-4gb."
  }
}

variable "task_events_partitions" {
  description = "Partitions of task-events (key = task id; more partitions = more consumer parallelism)."
  type        = number
  default     = 6
  validation {
    condition     = var.task_events_partitions >= 3 && var.task_events_partitions <= 2048
    error_message = "task_events_partitions must be between 3 (the managed minimum) and 2048."
  }
}

variable "task_events_retention_hours" {
  description = "How long task-events keeps records; consumers that fall further behind lose events."
  type        = number
  default     = 168
  validation {
    condition     = var.task_events_retention_hours >= 24
    error_message = "task_events_retention_hours must be at least 24."
  }
}

variable "valkey_version" {
  description = "Major version of the managed Valkey."
  type        = string
  default     = "8"
  validation {
    condition     = contains(["7", "8"], var.valkey_version)
    error_message = "valkey_version must be 7 or 8."
  }
}

variable "valkey_size" {
  description = "Size slug of the Valkey node."
  type        = string
  default     = "db-s-1vcpu-1gb"
  validation {
    condition     = can(regex("^(db|gd|so1_5|m)-", var.valkey_size))
    error_message = "valkey_size must be a database size slug such as db-s-1vcpu-1gb."
  }
}

variable "registry_tier" {
  description = "Container registry subscription tier (one registry per account; starter holds one repository, so use basic or professional for the four images)."
  type        = string
  default     = "basic"
  validation {
    condition     = contains(["starter", "basic", "professional"], var.registry_tier)
    error_message = "registry_tier must be starter, basic or professional."
  }
}

variable "registry_name" {
  description = "Name of the account's container registry (registry.digitalocean.com/<name>)."
  type        = string
  validation {
    condition     = can(regex("^[a-z0-9-]{3,63}$", var.registry_name))
    error_message = "registry_name must be 3-63 lowercase letters, digits or dashes."
  }
}

variable "create_registry" {
  description = "Create the registry here. An account has one registry: set false in the second environment and share the first one's."
  type        = bool
  default     = true
}
