// aksnet: Bicep deployment of a planned AKS cluster.
// Model: Azure CNI Overlay [azure-cni-overlay].
// VNet 10.10.0.0/16, 10.20.0.0/16; node subnet 10.10.0.0/21.
// Pod CIDR 192.168.0.0/16, private to the cluster.
// Service CIDR 10.100.0.0/16; DNS service IP 10.100.0.10.
// Node pools: system (system), win (Windows), apps, batchjobs.
// Replace every <placeholder> before use.
//
// Max pods: pools that do not set it get AKS's default for Azure CNI Overlay, 250 pods
//   per node, which the plan was sized for.
//
// Names checked against:
// - Microsoft.ContainerService managedClusters 2025-10-01 (Bicep):
//   https://learn.microsoft.com/azure/templates/microsoft.containerservice/2025-10-01/managedclusters
// - Managed Clusters - Create Or Update (REST API 2025-10-01):
//   https://learn.microsoft.com/rest/api/aks/managed-clusters/create-or-update?view=rest-aks-2025-10-01
// - System and user node pools: https://learn.microsoft.com/azure/aks/use-system-pools

// Fill in these values: nodeVmSize is used for every pool.
param clusterName string = '<cluster-name>'
param location string = resourceGroup().location
param dnsPrefix string = '<dns-prefix>'
param nodeVmSize string = '<node-vm-size>'
param nodeSubnetId string = '/subscriptions/<subscription-id>/resourceGroups/<vnet-resource-group>/providers/Microsoft.Network/virtualNetworks/<vnet-name>/subnets/<node-subnet-name>'

resource aks 'Microsoft.ContainerService/managedClusters@2025-10-01' = {
  name: clusterName
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: dnsPrefix
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        osType: 'Linux'
        type: 'VirtualMachineScaleSets'
        vmSize: nodeVmSize
        count: 3
        vnetSubnetID: nodeSubnetId
        upgradeSettings: {
          maxSurge: '33%'
        }
      }
      {
        name: 'win'
        mode: 'User'
        osType: 'Windows'
        type: 'VirtualMachineScaleSets'
        vmSize: nodeVmSize
        count: 2
        maxPods: 30
        vnetSubnetID: nodeSubnetId
        upgradeSettings: {
          maxSurge: '1'
        }
      }
      {
        name: 'apps'
        mode: 'User'
        osType: 'Linux'
        type: 'VirtualMachineScaleSets'
        vmSize: nodeVmSize
        count: 3
        enableAutoScaling: true
        minCount: 3
        maxCount: 20
        maxPods: 47
        vnetSubnetID: nodeSubnetId
        upgradeSettings: {
          maxSurge: '33%'
        }
      }
      // Pool "Batch-Jobs" is named batchjobs here: AKS names pools with at most 12
      //   lowercase letters and digits, starting with a letter.
      {
        name: 'batchjobs'
        mode: 'User'
        osType: 'Linux'
        type: 'VirtualMachineScaleSets'
        vmSize: nodeVmSize
        count: 0
        enableAutoScaling: true
        minCount: 0
        maxCount: 5
        vnetSubnetID: nodeSubnetId
      }
    ]
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      networkPolicy: 'calico'
      podCidr: '192.168.0.0/16'
      serviceCidr: '10.100.0.0/16'
      dnsServiceIP: '10.100.0.10'
    }
  }
}
