//! Enumerations with a fixed meaning: lifecycle, AI Act class, challenges and the four ordinal
//! dimensions of KL/KOMBIT's evaluation model. Each value has a stable snake_case wire name and a
//! Danish label for the people who read it.

use serde::{Deserialize, Serialize};

/// Declares a closed enumeration with its wire names, its Danish labels, and an `ALL` list in
/// order, so the rank on an ordinal scale is its position in `ALL`.
macro_rules! labelled_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $wire:literal => $label:literal, $label_en:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $wire)] $variant),+
        }

        impl $name {
            /// Every value, lowest first.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The Danish label shown to people.
            pub fn label_da(self) -> &'static str {
                match self {
                    $($name::$variant => $label),+
                }
            }

            /// The English label.
            pub fn label_en(self) -> &'static str {
                match self {
                    $($name::$variant => $label_en),+
                }
            }

            /// The stable wire name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire),+
                }
            }

            /// Parses a wire name.
            pub fn parse(value: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == value)
            }

            /// Position on the scale, 1 for the lowest.
            pub fn rank(self) -> u8 {
                // ALL holds fewer than ten values, so the position always fits in a u8.
                Self::ALL.iter().position(|v| *v == self).map_or(0, |p| p as u8 + 1)
            }
        }

        // Written by hand: the derive does not see serde renames passed through this macro,
        // and the wire names are the contract.
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($wire),+]))
                    .description(Some(concat!($($label_en, " (`", $wire, "`); "),+)))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($name))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use labelled_enum;

labelled_enum!(
    /// Where an entry is in its life.
    Lifecycle {
        Idea = "idea" => "Idé", "Idea",
        Analysis = "analysis" => "Analyse", "Analysis",
        Pilot = "pilot" => "Pilot", "Pilot",
        Implementation = "implementation" => "Implementering", "Implementation",
        InOperation = "in_operation" => "I drift", "In operation",
        Stopped = "stopped" => "Stoppet", "Stopped",
        /// The sources do not say; never a guess such as `pilot`.
        NotStated = "not_stated" => "Ikke oplyst", "Not stated",
    }
);

labelled_enum!(
    /// The EU AI Act risk class an entry has been assessed to.
    AiActClass {
        NotAssessed = "not_assessed" => "Ikke vurderet", "Not assessed",
        /// Assessed as not an AI system within art. 3(1): the Regulation does not apply.
        NotAiSystem = "not_ai_system" => "Ikke et AI-system efter forordningen", "Not an AI system under the Act",
        Minimal = "minimal" => "Minimal risiko", "Minimal risk",
        Limited = "limited" => "Begrænset risiko (gennemsigtighedskrav)", "Limited risk (transparency obligations)",
        High = "high" => "Høj risiko", "High risk",
        Prohibited = "prohibited" => "Forbudt", "Prohibited",
    }
);

labelled_enum!(
    /// A kind of challenge a project met (the signature projects' recurring barriers).
    Challenge {
        Data = "data" => "Data", "Data",
        Infrastructure = "infrastructure" => "Infrastruktur", "Infrastructure",
        Law = "law" => "Jura", "Law",
        Skills = "skills" => "Kompetencer", "Skills",
        Organisation = "organisation" => "Organisering", "Organisation",
        Vendor = "vendor" => "Leverandører", "Vendors",
    }
);

labelled_enum!(
    /// The model dimension: from bought-in proprietary models to ones trained on local data.
    ModelLevel {
        Proprietary = "proprietary" => "Proprietær", "Proprietary",
        General = "general" => "Generel", "General",
        Specific = "specific" => "Specifik", "Specific",
        SpecificToHyperlocal = "specific_to_hyperlocal" => "Specifik > hyperlokal", "Specific > hyperlocal",
        Hyperlocal = "hyperlocal" => "Hyperlokal", "Hyperlocal",
    }
);

labelled_enum!(
    /// The data dimension: how much and what kind of data the solution needs.
    DataLevel {
        Limited = "limited" => "Begrænsede data", "Limited data",
        Specific = "specific" => "Specifikke data", "Specific data",
        SpecificHighQuality = "specific_high_quality" => "Specifikke data af høj kvalitet", "Specific high-quality data",
        ManySpecific = "many_specific" => "Mange specifikke data", "Much specific data",
        ManySpecificSensitive = "many_specific_sensitive" => "Mange specifikke data om personfølsomme emner", "Much specific data on sensitive personal matters",
        ManySpecificVaried = "many_specific_varied" => "Mange specifikke data om mange forskellige emner", "Much specific data on many different subjects",
    }
);

labelled_enum!(
    /// The integration dimension.
    IntegrationLevel {
        Limited = "limited" => "Begrænsede integrationer", "Limited integrations",
        Several = "several" => "Flere integrationer", "Several integrations",
        Embedded = "embedded" => "Integreret del af andre systemer", "Built into other systems",
    }
);

labelled_enum!(
    /// The infrastructure dimension.
    InfrastructureLevel {
        BackgroundProcess = "background_process" => "Baggrundsproces", "Background process",
        Iaas = "iaas" => "Infrastruktur as a Service", "Infrastructure as a Service",
        Realtime = "realtime" => "Realtids-compute", "Real-time compute",
        HeavyRealtime = "heavy_realtime" => "Meget realtids-compute, evt. meget hardware", "Heavy real-time compute, possibly much hardware",
    }
);

/// A place on the four technical dimensions of KL/KOMBIT's evaluation model. A category has one;
/// a use case inherits its primary category's unless it states its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NeedsProfile {
    pub model: ModelLevel,
    pub data: DataLevel,
    pub integration: IntegrationLevel,
    pub infrastructure: InfrastructureLevel,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_match_serde() {
        for v in Lifecycle::ALL {
            assert_eq!(
                serde_json::to_value(v).ok(),
                Some(serde_json::Value::String(v.as_str().into()))
            );
        }
        assert_eq!(
            InfrastructureLevel::HeavyRealtime.as_str(),
            "heavy_realtime"
        );
        assert_eq!(
            Lifecycle::parse("in_operation"),
            Some(Lifecycle::InOperation)
        );
        assert_eq!(Lifecycle::parse("running"), None);
    }

    #[test]
    fn ordinal_scales_rank_lowest_first() {
        assert!(IntegrationLevel::Limited.rank() < IntegrationLevel::Embedded.rank());
        assert!(InfrastructureLevel::BackgroundProcess.rank() < InfrastructureLevel::Iaas.rank());
        assert_eq!(ModelLevel::Hyperlocal.rank(), 5);
    }
}
