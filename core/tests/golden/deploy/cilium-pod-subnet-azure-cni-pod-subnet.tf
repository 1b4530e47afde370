# aksnet: Terraform deployment of a planned AKS cluster.
# Model: Azure CNI Pod Subnet (dynamic) [azure-cni-pod-subnet].
# VNet 10.0.0.0/16; node subnet 10.0.0.0/22.
# Pod subnet 10.0.64.0/18.
# Service CIDR 10.1.0.0/16; DNS service IP 10.1.0.10.
# Node pools: system (system), apps.
# Replace every <placeholder> before use.
#
# Network policy: the plan asks for Cilium, which needs the Cilium data plane (the
#   azure-cni-cilium model); none is set here.
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
    max_pods       = 110
    vnet_subnet_id = local.node_subnet_id
    pod_subnet_id  = local.pod_subnet_id
  }

  network_profile {
    network_plugin = "azure"
    service_cidr   = "10.1.0.0/16"
    dns_service_ip = "10.1.0.10"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "apps" {
  name                  = "apps"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  mode                  = "User"
  vm_size               = local.node_vm_size
  node_count            = 4
  auto_scaling_enabled  = true
  min_count             = 4
  max_count             = 12
  max_pods              = 110
  vnet_subnet_id        = local.node_subnet_id
  pod_subnet_id         = local.pod_subnet_id

  upgrade_settings {
    max_surge = "2"
  }

  # The autoscaler changes the node count; keep Terraform from undoing it.
  lifecycle {
    ignore_changes = [node_count]
  }
}
