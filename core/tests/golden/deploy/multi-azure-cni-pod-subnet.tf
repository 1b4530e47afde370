# aksnet: Terraform deployment of a planned AKS cluster.
# Model: Azure CNI Pod Subnet (dynamic) [azure-cni-pod-subnet].
# VNet 10.10.0.0/16, 10.20.0.0/16; node subnet 10.10.0.0/21.
# Pod subnet 10.20.0.0/17.
# Service CIDR 10.100.0.0/16; DNS service IP 10.100.0.10.
# Node pools: system (system), win (Windows), apps, batchjobs.
# Replace every <placeholder> before use.
#
# Max pods: pools that do not set it get AKS's default for Azure CNI Pod Subnet
#   (dynamic), 110 pods per node, which the plan was sized for.
#
# Names checked against:
# - azurerm_kubernetes_cluster:
#   https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster
# - azurerm_kubernetes_cluster_node_pool:
#   https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster_node_pool
# - azurerm 4.0 upgrade guide:
#   https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/guides/4.0-upgrade-guide
# - azurerm 5.0 upgrade guide:
#   https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/guides/5.0-upgrade-guide

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 4.57.0"
    }
  }
}

provider "azurerm" {
  subscription_id = local.subscription_id
  features {}
}

# Fill in these values: node_vm_size is used for every pool.
locals {
  subscription_id     = "<subscription-id>"
  resource_group_name = "<resource-group>"
  cluster_name        = "<cluster-name>"
  dns_prefix          = "<dns-prefix>"
  location            = "<location>"
  node_vm_size        = "<node-vm-size>"
  node_subnet_id      = "/subscriptions/<subscription-id>/resourceGroups/<vnet-resource-group>/providers/Microsoft.Network/virtualNetworks/<vnet-name>/subnets/<node-subnet-name>"
  pod_subnet_id       = "/subscriptions/<subscription-id>/resourceGroups/<vnet-resource-group>/providers/Microsoft.Network/virtualNetworks/<vnet-name>/subnets/<pod-subnet-name>"
}

resource "azurerm_kubernetes_cluster" "aks" {
  name                = local.cluster_name
  location            = local.location
  resource_group_name = local.resource_group_name
  dns_prefix          = local.dns_prefix

  identity {
    type = "SystemAssigned"
  }

  # Required from azurerm 5.0; Manual keeps the node pools as written here.
  node_provisioning_profile {
    mode = "Manual"
  }

  default_node_pool {
    name           = "system"
    vm_size        = local.node_vm_size
    node_count     = 3
    vnet_subnet_id = local.node_subnet_id
    pod_subnet_id  = local.pod_subnet_id

    upgrade_settings {
      max_surge = "33%"
    }
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "calico"
    service_cidr   = "10.100.0.0/16"
    dns_service_ip = "10.100.0.10"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "win" {
  name                  = "win"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  mode                  = "User"
  os_type               = "Windows"
  vm_size               = local.node_vm_size
  node_count            = 2
  max_pods              = 30
  vnet_subnet_id        = local.node_subnet_id
  pod_subnet_id         = local.pod_subnet_id

  upgrade_settings {
    max_surge = "1"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "apps" {
  name                  = "apps"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  mode                  = "User"
  vm_size               = local.node_vm_size
  node_count            = 3
  auto_scaling_enabled  = true
  min_count             = 3
  max_count             = 20
  max_pods              = 47
  vnet_subnet_id        = local.node_subnet_id
  pod_subnet_id         = local.pod_subnet_id

  upgrade_settings {
    max_surge = "33%"
  }

  # The autoscaler changes the node count; keep Terraform from undoing it.
  lifecycle {
    ignore_changes = [node_count]
  }
}

# Pool "Batch-Jobs" is named batchjobs here: AKS names pools with at most 12 lowercase
#   letters and digits, starting with a letter.
resource "azurerm_kubernetes_cluster_node_pool" "batchjobs" {
  name                  = "batchjobs"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  mode                  = "User"
  vm_size               = local.node_vm_size
  node_count            = 0
  auto_scaling_enabled  = true
  min_count             = 0
  max_count             = 5
  vnet_subnet_id        = local.node_subnet_id
  pod_subnet_id         = local.pod_subnet_id

  # The autoscaler changes the node count; keep Terraform from undoing it.
  lifecycle {
    ignore_changes = [node_count]
  }
}
