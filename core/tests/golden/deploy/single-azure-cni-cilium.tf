# aksnet: Terraform deployment of a planned AKS cluster.
# Model: Azure CNI Powered by Cilium [azure-cni-cilium], addressing as Azure CNI
#   Overlay.
# VNet 10.0.0.0/16; node subnet 10.0.0.0/22.
# Pod CIDR 10.244.0.0/16, private to the cluster.
# Service CIDR 10.1.0.0/16; DNS service IP 10.1.0.10.
# Node pools: system (system).
# Replace every <placeholder> before use.
#
# Max pods: pools that do not set it get AKS's default for Azure CNI Powered by Cilium,
#   250 pods per node, which the plan was sized for.
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
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    network_policy      = "cilium"
    pod_cidr            = "10.244.0.0/16"
    service_cidr        = "10.1.0.0/16"
    dns_service_ip      = "10.1.0.10"
  }
}
