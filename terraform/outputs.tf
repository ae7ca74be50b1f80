# Plain outputs feed the Helm values; sensitive ones feed the Kubernetes Secrets the chart
# references (docs/deploy.md: `terraform output -raw ...` piped into `kubectl create secret`).

output "cluster_id" {
  description = "DOKS cluster id (doctl kubernetes cluster kubeconfig save <id>)."
  value       = digitalocean_kubernetes_cluster.tasklane.id
}

output "cluster_name" {
  description = "DOKS cluster name."
  value       = digitalocean_kubernetes_cluster.tasklane.name
}

output "kubernetes_version" {
  description = "Kubernetes version the cluster runs."
  value       = digitalocean_kubernetes_cluster.tasklane.version
}

output "kubeconfig" {
  description = "Cluster admin kubeconfig (prefer doctl's short-lived credentials)."
  value       = digitalocean_kubernetes_cluster.tasklane.kube_config[0].raw_config
  sensitive   = true
}

output "vpc_ip_range" {
  description = "For the chart's networkPolicy.managedServices.cidrs."
  value       = digitalocean_vpc.tasklane.ip_range
}

output "registry_endpoint" {
  description = "For the chart's image.registry and the image build's -Dimage.registry."
  value       = data.digitalocean_container_registry.tasklane.endpoint
}

output "postgres_jdbc_url" {
  description = "TASKLANE_DB_URL over the private network; TLS mode and CA come from the chart (verify-full)."
  value       = "jdbc:postgresql://${digitalocean_database_cluster.postgres.private_host}:${digitalocean_database_cluster.postgres.port}/${digitalocean_database_db.tasklane.name}"
}

output "postgres_port" {
  description = "For the chart's networkPolicy.managedServices.postgresPort."
  value       = digitalocean_database_cluster.postgres.port
}

output "postgres_server_user" {
  description = "Login of the sync server."
  value       = digitalocean_database_user.server.name
}

output "postgres_server_password" {
  description = "Password of the sync server's login."
  value       = digitalocean_database_user.server.password
  sensitive   = true
}

output "postgres_consumers_user" {
  description = "Login of the consumers."
  value       = digitalocean_database_user.consumers.name
}

output "postgres_consumers_password" {
  description = "Password of the consumers' login."
  value       = digitalocean_database_user.consumers.password
  sensitive   = true
}

output "postgres_ca_certificate" {
  description = "PEM CA of the PostgreSQL cluster (sslrootcert)."
  value       = data.digitalocean_database_ca.postgres.certificate
}

output "kafka_bootstrap_servers" {
  description = "For the chart's kafka.bootstrapServers."
  value       = "${digitalocean_database_cluster.kafka.private_host}:${digitalocean_database_cluster.kafka.port}"
}

output "kafka_port" {
  description = "For the chart's networkPolicy.managedServices.kafkaPort."
  value       = digitalocean_database_cluster.kafka.port
}

output "kafka_ca_certificate" {
  description = "PEM CA of the Kafka cluster."
  value       = data.digitalocean_database_ca.kafka.certificate
}

output "kafka_server_username" {
  description = "SASL user of the sync server."
  value       = digitalocean_database_user.kafka_server.name
}

output "kafka_server_password" {
  description = "SASL password of the sync server."
  value       = digitalocean_database_user.kafka_server.password
  sensitive   = true
}

output "kafka_consumers_username" {
  description = "SASL user of the consumers."
  value       = digitalocean_database_user.kafka_consumers.name
}

output "kafka_consumers_password" {
  description = "SASL password of the consumers."
  value       = digitalocean_database_user.kafka_consumers.password
  sensitive   = true
}

output "valkey_url" {
  description = "For the chart's redis.url (TLS; the password is separate)."
  value       = "rediss://${digitalocean_database_cluster.valkey.private_host}:${digitalocean_database_cluster.valkey.port}"
}

output "valkey_port" {
  description = "For the chart's networkPolicy.managedServices.redisPort."
  value       = digitalocean_database_cluster.valkey.port
}

output "valkey_password" {
  description = "Password of the Valkey default user."
  value       = digitalocean_database_cluster.valkey.password
  sensitive   = true
}
