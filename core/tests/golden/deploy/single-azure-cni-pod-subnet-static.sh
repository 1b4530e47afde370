#!/usr/bin/env bash
# aksnet: Azure CLI deployment of a planned AKS cluster.
# Model: Azure CNI Pod Subnet (static block) [azure-cni-pod-subnet-static].
# VNet 10.0.0.0/16; node subnet 10.0.0.0/22.
# Pod subnet 10.0.64.0/18.
# Service CIDR 10.1.0.0/16; DNS service IP 10.1.0.10.
# Node pools: system (system).
# Replace every <placeholder> before use.
#
# Max pods: pools that do not set it get AKS's default for Azure CNI Pod Subnet (static
#   block), 110 pods per node, which the plan was sized for.
#
# Names checked against:
# - az aks (Azure CLI reference): https://learn.microsoft.com/cli/azure/aks
# - az aks nodepool (Azure CLI reference):
#   https://learn.microsoft.com/cli/azure/aks/nodepool
# - Azure CNI Pod Subnet: static block allocation:
#   https://learn.microsoft.com/azure/aks/configure-azure-cni-static-block-allocation
# - Azure CNI Powered by Cilium:
#   https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium
# - Upgrade AKS node pools (max surge):
#   https://learn.microsoft.com/azure/aks/upgrade-aks-node-pools-rolling
# - System and user node pools: https://learn.microsoft.com/azure/aks/use-system-pools

set -euo pipefail

# Fill in these values: NODE_VM_SIZE is used for every pool.
RESOURCE_GROUP='<resource-group>'
CLUSTER_NAME='<cluster-name>'
LOCATION='<location>'
NODE_VM_SIZE='<node-vm-size>'
NODE_SUBNET_ID='/subscriptions/<subscription-id>/resourceGroups/<vnet-resource-group>/providers/Microsoft.Network/virtualNetworks/<vnet-name>/subnets/<node-subnet-name>'
POD_SUBNET_ID='/subscriptions/<subscription-id>/resourceGroups/<vnet-resource-group>/providers/Microsoft.Network/virtualNetworks/<vnet-name>/subnets/<pod-subnet-name>'

for value in "$RESOURCE_GROUP" "$CLUSTER_NAME" "$LOCATION" "$NODE_VM_SIZE" "$NODE_SUBNET_ID" "$POD_SUBNET_ID"; do
  case "$value" in
    *'<'*) echo 'Replace the <placeholders> at the top of this script first.' >&2; exit 1 ;;
  esac
done

# Create the cluster with its network profile and its system pool, system.
az aks create \
  --resource-group "$RESOURCE_GROUP" \
  --name "$CLUSTER_NAME" \
  --location "$LOCATION" \
  --generate-ssh-keys \
  --network-plugin azure \
  --service-cidr 10.1.0.0/16 \
  --dns-service-ip 10.1.0.10 \
  --nodepool-name system \
  --node-vm-size "$NODE_VM_SIZE" \
  --node-count 3 \
  --vnet-subnet-id "$NODE_SUBNET_ID" \
  --pod-subnet-id "$POD_SUBNET_ID" \
  --pod-ip-allocation-mode StaticBlock
