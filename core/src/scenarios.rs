//! Workshop scenarios: plans that each teach one lesson of AKS network planning.
//!
//! Each scenario is a plan in the JSON format, a title, a short explanation of what it
//! teaches, and optionally a priority preset. The tests below check that every plan
//! reads and that it shows what its explanation promises.
//!
//! ```
//! use aksnet_core::{eval::evaluate, facts::ModelId, scenarios::Scenario};
//!
//! let s = Scenario::find("address-starved").unwrap();
//! let report = evaluate(&s.plan()?);
//! assert!(!report.model(ModelId::AzureCni).unwrap().fits);
//! assert!(report.model(ModelId::AzureCniOverlay).unwrap().fits);
//! # Ok::<(), aksnet_core::plan::PlanError>(())
//! ```

use crate::plan::{Plan, PlanError};
use crate::score::Preset;

/// A workshop scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// Identifier used in links (`#scenario=<id>`).
    pub id: &'static str,
    /// Title for the menu.
    pub title: &'static str,
    /// What it teaches, in two or three sentences.
    pub teaches: &'static str,
    /// The priorities (and implied requirements) it starts from, if any.
    pub preset: Option<Preset>,
    json: &'static str,
}

impl Scenario {
    /// Every scenario, in menu order.
    pub const ALL: &'static [Scenario] = &SCENARIOS;

    /// The scenario with this id.
    pub fn find(id: &str) -> Option<&'static Scenario> {
        SCENARIOS.iter().find(|s| s.id == id)
    }

    /// The scenario's plan, with its preset applied.
    pub fn plan(&self) -> Result<Plan, PlanError> {
        let mut plan = Plan::from_json(self.json)?;
        if let Some(p) = self.preset {
            p.apply(&mut plan);
        }
        Ok(plan)
    }
}

const SCENARIOS: [Scenario; 6] = [
    Scenario {
        id: "dev-test",
        title: "Small dev/test cluster",
        teaches: "One pool of one to three nodes in a /22 VNet. Every model fits; the lesson is how \
                  little a small cluster needs with overlay (4 node-subnet addresses) against Azure CNI, \
                  which reserves 1 + 30 addresses per node up front.",
        preset: Some(Preset::DevTest),
        json: r#"{"version": 1, "vnet": ["10.10.0.0/22"], "node_subnet": "10.10.0.0/24",
            "pod_subnet": "10.10.2.0/23", "pod_cidr": "10.244.0.0/16",
            "service_cidr": "10.11.0.0/16", "dns_service_ip": "10.11.0.10",
            "pools": [{"name": "system", "nodes": 1, "max_nodes": 3, "max_surge": "1"}]}"#,
    },
    Scenario {
        id: "enterprise-hybrid",
        title: "Enterprise hybrid: Windows pools, pods reachable from on-premises",
        teaches: "Windows pools rule out kubenet and Cilium, and pods that on-premises systems must \
                  reach directly rule out overlay. What is left are the flat models, whose pod IPs are \
                  VNet IPs: size their subnets for every pool's max count plus surge.",
        preset: Some(Preset::EnterpriseHybrid),
        json: r#"{"version": 1, "vnet": ["10.20.0.0/16"], "node_subnet": "10.20.0.0/21",
            "pod_subnet": "10.20.64.0/18", "pod_cidr": "10.244.0.0/16",
            "service_cidr": "10.21.0.0/16", "dns_service_ip": "10.21.0.10",
            "pools": [
              {"name": "system", "nodes": 3, "max_nodes": 5, "max_pods": 30, "max_surge": "33%"},
              {"name": "win", "os": "windows", "nodes": 4, "max_nodes": 10, "max_pods": 30, "max_surge": "33%"}],
            "avoid": ["10.0.0.0/14", "192.168.0.0/16"]}"#,
    },
    Scenario {
        id: "large-1000",
        title: "A 1,000-node cluster",
        teaches: "Three pools peaking at 1,029 nodes with surge. kubenet stops at 400 nodes (one route \
                  each), and flat models would need tens of thousands of VNet addresses. Overlay and \
                  Cilium fit a /16 VNet, given a pod CIDR of /13 (2,048 nodes at a /24 each).",
        preset: Some(Preset::LargeScale),
        json: r#"{"version": 1, "vnet": ["10.0.0.0/16"], "node_subnet": "10.0.0.0/20",
            "pod_subnet": "10.0.128.0/17", "pod_cidr": "100.64.0.0/13",
            "service_cidr": "172.16.0.0/16", "dns_service_ip": "172.16.0.10",
            "pools": [
              {"name": "system", "nodes": 3, "max_nodes": 5, "max_surge": "1"},
              {"name": "apps", "nodes": 300, "max_nodes": 600, "max_pods": 50, "max_surge": "10%"},
              {"name": "batch", "nodes": 100, "max_nodes": 330, "max_pods": 50, "max_surge": "10%"}]}"#,
    },
    Scenario {
        id: "address-starved",
        title: "Address-starved: a /22 VNet",
        teaches: "Only 1,024 addresses for the whole VNet. 25 nodes at 30 pods need 775 node-subnet \
                  addresses with Azure CNI and 800 in a pod subnet with dynamic allocation; neither fits. \
                  Overlay takes one address per node and puts pods in a private range.",
        preset: Some(Preset::AddressStarved),
        json: r#"{"version": 1, "vnet": ["10.50.0.0/22"], "node_subnet": "10.50.0.0/23",
            "pod_subnet": "10.50.2.0/24", "pod_cidr": "10.244.0.0/16",
            "service_cidr": "10.51.0.0/16", "dns_service_ip": "10.51.0.10",
            "pools": [
              {"name": "system", "nodes": 3, "max_pods": 30, "max_surge": "1"},
              {"name": "apps", "nodes": 12, "max_nodes": 20, "max_pods": 30, "max_surge": "1"}]}"#,
    },
    Scenario {
        id: "dual-stack",
        title: "Dual-stack IPv4/IPv6",
        teaches: "Dual-stack runs only on Azure CNI Overlay and on Cilium with overlay; every other model \
                  is excluded. The VNet carries an IPv6 prefix beside the IPv4 one, and single-stack IPv6 \
                  is not supported.",
        preset: None,
        json: r#"{"version": 1, "vnet": ["10.30.0.0/16", "fd00:30::/48"], "node_subnet": "10.30.0.0/22",
            "pod_subnet": "10.30.64.0/18", "pod_cidr": "10.244.0.0/16",
            "service_cidr": "10.31.0.0/16", "dns_service_ip": "10.31.0.10",
            "pools": [{"name": "system", "nodes": 3, "max_nodes": 6, "max_surge": "33%"}],
            "requirements": {"dual_stack": true}}"#,
    },
    Scenario {
        id: "hub-spoke",
        title: "Hub-spoke private cluster",
        teaches: "The cluster lives in a spoke VNet peered to a hub that holds the firewall and Bastion. \
                  The hub and on-premises ranges are kept clear (nothing may overlap them, the service \
                  CIDR included), and the spoke keeps room for the API server's /28 and an Application \
                  Gateway beside the node subnet.",
        preset: None,
        json: r#"{"version": 1, "vnet": ["10.100.0.0/16"], "node_subnet": "10.100.0.0/22",
            "pod_subnet": "10.100.64.0/18", "pod_cidr": "10.244.0.0/16",
            "service_cidr": "10.101.0.0/16", "dns_service_ip": "10.101.0.10",
            "pools": [
              {"name": "system", "nodes": 3, "max_nodes": 5, "max_surge": "1"},
              {"name": "apps", "nodes": 5, "max_nodes": 20, "max_surge": "33%"}],
            "other_subnets": [
              {"role": "api-server", "prefix": "10.100.4.0/28"},
              {"role": "app-gateway", "prefix": "10.100.5.0/24"}],
            "avoid": ["10.0.0.0/16", "192.168.0.0/16"]}"#,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{Report, evaluate};
    use crate::facts::ModelId;
    use alloc::vec::Vec;

    fn run(id: &str) -> Report {
        let s = Scenario::find(id).expect("scenario");
        evaluate(&s.plan().expect("the scenario's plan reads"))
    }

    fn fitting(r: &Report) -> Vec<ModelId> {
        r.models
            .iter()
            .filter(|m| m.fits)
            .map(|m| m.model)
            .collect()
    }

    fn usable(r: &Report) -> Vec<ModelId> {
        r.ranking
            .iter()
            .filter(|x| x.fits && x.excluded.is_none())
            .map(|x| x.model)
            .collect()
    }

    #[test]
    fn every_scenario_reads_and_ids_are_unique() {
        assert!(Scenario::ALL.len() >= 6);
        for (i, s) in Scenario::ALL.iter().enumerate() {
            assert!(s.plan().is_ok(), "{}: {:?}", s.id, s.plan());
            assert!(Scenario::ALL[..i].iter().all(|o| o.id != s.id), "{}", s.id);
            assert!(
                s.id.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            );
        }
    }

    #[test]
    fn dev_test_fits_every_model() {
        let r = run("dev-test");
        assert!(
            r.findings
                .iter()
                .all(|f| f.severity != crate::eval::Severity::Error)
        );
        assert_eq!(fitting(&r).len(), 6);
        assert_eq!(
            r.model(ModelId::AzureCniOverlay)
                .expect("o")
                .node_subnet_ips_required,
            4
        );
        assert_eq!(
            r.model(ModelId::AzureCni)
                .expect("c")
                .node_subnet_ips_required,
            4 * 31
        );
    }

    #[test]
    fn enterprise_hybrid_leaves_the_flat_models() {
        let r = run("enterprise-hybrid");
        let u = usable(&r);
        assert!(
            u.iter().all(|m| matches!(
                m,
                ModelId::AzureCni | ModelId::AzureCniPodSubnet | ModelId::AzureCniPodSubnetStatic
            )),
            "{u:?}"
        );
        assert!(!u.is_empty());
    }

    #[test]
    fn large_1000_fits_only_overlay_and_cilium() {
        let r = run("large-1000");
        let peak: u64 = 6 + 660 + 363;
        assert_eq!(
            r.model(ModelId::AzureCniOverlay)
                .expect("o")
                .pod_ips_required,
            peak * 256
        );
        assert_eq!(
            fitting(&r),
            [ModelId::AzureCniOverlay, ModelId::AzureCniCilium]
        );
        assert!(matches!(
            r.ranking[0].model,
            ModelId::AzureCniOverlay | ModelId::AzureCniCilium
        ));
    }

    #[test]
    fn address_starved_fits_overlay_not_flat() {
        let r = run("address-starved");
        assert_eq!(
            r.model(ModelId::AzureCni)
                .expect("c")
                .node_subnet_ips_required,
            775
        );
        assert_eq!(
            r.model(ModelId::AzureCniPodSubnet)
                .expect("d")
                .pod_ips_required,
            800
        );
        for m in [
            ModelId::AzureCni,
            ModelId::AzureCniPodSubnet,
            ModelId::AzureCniPodSubnetStatic,
        ] {
            assert!(!r.model(m).expect("m").fits, "{m}");
        }
        assert!(r.model(ModelId::AzureCniOverlay).expect("o").fits);
    }

    #[test]
    fn dual_stack_leaves_overlay_and_cilium() {
        let r = run("dual-stack");
        let mut u = usable(&r);
        u.sort();
        assert_eq!(u, [ModelId::AzureCniOverlay, ModelId::AzureCniCilium]);
    }

    #[test]
    fn hub_spoke_keeps_the_hub_clear_and_breaks_no_rule() {
        let r = run("hub-spoke");
        assert!(
            r.findings
                .iter()
                .all(|f| f.severity != crate::eval::Severity::Error),
            "{:?}",
            r.findings
        );
        assert!(fitting(&r).contains(&ModelId::AzureCniOverlay));
        // Moving the service CIDR into the hub is caught.
        let mut p = Scenario::find("hub-spoke")
            .expect("s")
            .plan()
            .expect("plan");
        p.service_cidr = "10.0.128.0/17".parse().expect("net");
        p.dns_service_ip = "10.0.128.10".parse().expect("ip");
        assert!(
            evaluate(&p)
                .findings
                .iter()
                .any(|f| f.code == crate::eval::Code::ServiceCidrOverlapExistingSubnetsCidr)
        );
    }
}
