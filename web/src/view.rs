//! How the page is laid out: the full planner, or an embed for documentation sites.
//!
//! `?embed` drops the header and footer and tightens spacing; `?show=compare,map`
//! shows only the named sections. Both come from the page's query string, which the
//! embedding page sets in its iframe `src`.

/// A part of the page an embed can show or hide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// The plan form.
    Form,
    /// The plan's action buttons.
    Toolbar,
    /// The recommendation banner.
    Recommendation,
    /// The comparison table.
    Compare,
    /// The address map.
    Map,
    /// The growth chart.
    Growth,
    /// The deployment outputs.
    Deploy,
    /// The findings.
    Findings,
}

impl Section {
    /// Every section, in page order.
    pub const ALL: [Section; 8] = [
        Section::Form,
        Section::Toolbar,
        Section::Recommendation,
        Section::Compare,
        Section::Map,
        Section::Growth,
        Section::Deploy,
        Section::Findings,
    ];

    /// Name in `?show=`.
    pub const fn id(self) -> &'static str {
        match self {
            Section::Form => "form",
            Section::Toolbar => "toolbar",
            Section::Recommendation => "recommendation",
            Section::Compare => "compare",
            Section::Map => "map",
            Section::Growth => "growth",
            Section::Deploy => "deploy",
            Section::Findings => "findings",
        }
    }
}

/// The layout the query string asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    /// Embedded in another page: no header or footer, compact spacing.
    pub embed: bool,
    /// Sections shown.
    pub shown: Vec<Section>,
}

impl Default for View {
    fn default() -> Self {
        View {
            embed: false,
            shown: Section::ALL.to_vec(),
        }
    }
}

impl View {
    /// Read `?embed` and `?show=a,b` from a query string (with or without its `?`).
    /// Unknown section names are ignored; an empty or unknown-only list shows everything.
    pub fn from_query(query: &str) -> View {
        let mut view = View::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "embed" => view.embed = value != "0" && value != "false",
                "show" => {
                    let mut shown = Vec::new();
                    for name in value.split([',', '+', ' ']) {
                        if let Some(s) = Section::ALL.into_iter().find(|s| s.id() == name) {
                            shown.push(s);
                        }
                    }
                    if !shown.is_empty() {
                        view.shown = shown;
                    }
                }
                _ => {}
            }
        }
        view
    }

    /// The layout of the current page.
    pub fn current() -> View {
        let query = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        View::from_query(&query)
    }

    /// Whether a section is shown.
    pub fn shows(&self, s: Section) -> bool {
        self.shown.contains(&s)
    }
}
