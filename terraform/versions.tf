terraform {
  required_version = ">= 1.6.0"

  required_providers {
    digitalocean = {
      source  = "digitalocean/digitalocean"
      version = "~> 2.99"
    }
  }

  # Remote state in a DigitalOcean Spaces bucket (S3-compatible), one key per environment.
  # The settings are given at init time so this file stays environment-neutral:
  #   terraform init -backend-config=environments/production.s3.tfbackend
  # with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY set to a Spaces access key (docs/deploy.md).
  backend "s3" {}
}

# Reads DIGITALOCEAN_TOKEN from the environment; never put the token in a file.
provider "digitalocean" {}
