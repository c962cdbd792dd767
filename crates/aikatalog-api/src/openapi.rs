//! The OpenAPI description, generated from the routing itself (utoipa-actix-web collects every
//! registered handler), so no route is served undocumented. Shared error responses and the
//! bearer scheme are declared here, once.

use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{IntoResponses, Modify, OpenApi, ToResponse};

use crate::error::Problem;

/// A problem+json body, for the shared responses below.
macro_rules! problem_response {
    ($name:ident, $description:literal) => {
        #[derive(ToResponse)]
        #[response(description = $description, content_type = "application/problem+json")]
        #[expect(
            dead_code,
            reason = "only the schema of the body is used, never a value"
        )]
        pub struct $name(Problem);
    };
}

problem_response!(
    BadRequest,
    "A parameter or the body is malformed (`invalid_parameter`, `malformed_json`), e.g. a revision number that is not a whole number above 0, or a body that is empty or not JSON."
);
problem_response!(
    SearchBadRequest,
    "A parameter is malformed (`invalid_parameter`), or `q` is over a limit on what one search may cost: too many characters (`query_too_long`), or too many words or parts (`query_too_complex`). The `detail` states the limit and `parameter` is `q`."
);
problem_response!(
    SearchTimedOut,
    "The search ran past its time budget and was stopped (`search_timed_out`); fewer or more specific words help."
);
problem_response!(
    Unauthorized,
    "No valid bearer token (`unauthenticated`, `invalid_token`); see the `WWW-Authenticate` header."
);
problem_response!(
    Forbidden,
    "The token is valid but lacks the right (`forbidden`)."
);
problem_response!(
    NotFound,
    "No such resource, or none the caller may see (`not_found`)."
);
problem_response!(
    Conflict,
    "The workflow does not allow this now (`invalid_transition`), or an organisation would adopt its own entry (`self_adoption`)."
);
problem_response!(
    PreconditionFailed,
    "The `If-Match` ETag is stale: someone changed the entry (`stale_etag`)."
);
problem_response!(
    PayloadTooLarge,
    "The body is larger than 256 KiB (`payload_too_large`)."
);
problem_response!(
    ImportTooLarge,
    "The register's file is larger than 32 MiB (`payload_too_large`)."
);
problem_response!(
    UnsupportedMediaType,
    "The body is not sent as JSON: the `Content-Type` must be `application/json` (`application/merge-patch+json` for a merge patch) (`unsupported_media_type`)."
);
problem_response!(
    Unprocessable,
    "The document is invalid; `errors` lists every invalid field (`validation_failed`)."
);
problem_response!(
    RegistrationIncomplete,
    "The AI Act registration information is incomplete (`registration_incomplete`): `errors` names every missing field, with `message` in English and `message_da` in Danish; `ai_act.class` with `not_high_risk` when the use case is not classed high-risk."
);
problem_response!(
    PreconditionRequired,
    "The change needs an `If-Match` header (`if_match_required`)."
);
problem_response!(
    TooManyRequests,
    "This client has made too many writes, failed authentications or correction suggestions (`rate_limited`); try again after `Retry-After` seconds."
);

/// Adds the refusals every operation of a kind can give, so no route has to list them: 429 on
/// every operation under `/api/v1/` (a client past its limit of failed authentications gets it on
/// any route, since the token middleware refuses a bad token everywhere; writes have their own
/// limit), and 415 on every operation that takes a body (`body.rs` refuses one not sent as JSON).
/// Runs on the finished document, since the routes' paths are added after [`ApiDoc`]'s own
/// modifiers run.
pub fn document_shared_refusals(spec: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::Ref;
    for (path, item) in spec.paths.paths.iter_mut() {
        if !path.starts_with("/api/v1/") {
            continue;
        }
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
            &mut item.head,
            &mut item.options,
            &mut item.trace,
        ];
        for operation in operations.into_iter().flatten() {
            let takes_body = operation.request_body.is_some();
            let responses = &mut operation.responses.responses;
            if takes_body {
                responses
                    .entry("415".to_owned())
                    .or_insert_with(|| Ref::from_response_name("UnsupportedMediaType").into());
            }
            responses
                .entry("429".to_owned())
                .or_insert_with(|| Ref::from_response_name("TooManyRequests").into());
        }
    }
}

/// The errors a read of an entry or its history can give.
#[derive(IntoResponses)]
pub enum EntryReadErrors {
    #[response(status = 400)]
    BadRequest(#[ref_response] BadRequest),
    #[response(status = 401)]
    Unauthorized(#[ref_response] Unauthorized),
    #[response(status = 404)]
    NotFound(#[ref_response] NotFound),
}

/// The errors a change of an existing entry (a replace, a patch, a transition) can give.
#[derive(IntoResponses)]
pub enum EntryChangeErrors {
    #[response(status = 400)]
    BadRequest(#[ref_response] BadRequest),
    #[response(status = 401)]
    Unauthorized(#[ref_response] Unauthorized),
    #[response(status = 403)]
    Forbidden(#[ref_response] Forbidden),
    #[response(status = 404)]
    NotFound(#[ref_response] NotFound),
    #[response(status = 409)]
    Conflict(#[ref_response] Conflict),
    #[response(status = 412)]
    PreconditionFailed(#[ref_response] PreconditionFailed),
    #[response(status = 422)]
    Unprocessable(#[ref_response] Unprocessable),
    #[response(status = 428)]
    PreconditionRequired(#[ref_response] PreconditionRequired),
}

/// The errors a curator's create-or-replace of a category, domain or organisation can give.
#[derive(IntoResponses)]
pub enum ReferenceWriteErrors {
    #[response(status = 400)]
    BadRequest(#[ref_response] BadRequest),
    #[response(status = 401)]
    Unauthorized(#[ref_response] Unauthorized),
    #[response(status = 403)]
    Forbidden(#[ref_response] Forbidden),
    #[response(status = 412)]
    PreconditionFailed(#[ref_response] PreconditionFailed),
    #[response(status = 422)]
    Unprocessable(#[ref_response] Unprocessable),
    #[response(status = 428)]
    PreconditionRequired(#[ref_response] PreconditionRequired),
}

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut http = Http::new(HttpAuthScheme::Bearer);
        http.bearer_format = Some("JWT".into());
        http.description = Some(
            "A JWT with `sub`, `role` (editor or curator), `org` (the organisation code; \
             required for editors), `exp`, `iss` and `aud`. Locally: `aikatalog token --role \
             editor --org 707`."
                .into(),
        );
        components.add_security_scheme("bearer", SecurityScheme::Http(http));
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "AI-kataloget API",
        description = "The shared catalogue of AI use cases and the algorithm register of Denmark's \
                       municipalities. Anonymous callers read published entries and reference data; \
                       editors publish their own organisation's entries; curators at KL and KOMBIT \
                       review and curate everything. Errors are RFC 9457 problem details with a \
                       stable `code`.",
        license(name = "EUPL-1.2"),
    ),
    modifiers(&BearerScheme),
    components(
        responses(
            BadRequest, SearchBadRequest, SearchTimedOut, Unauthorized, Forbidden, NotFound,
            Conflict, PreconditionFailed, PayloadTooLarge, UnsupportedMediaType, Unprocessable,
            PreconditionRequired, TooManyRequests, RegistrationIncomplete, ImportTooLarge
        ),
        // Named by the transition routes' `action` path parameter; utoipa collects the schemas
        // of bodies by itself, not those of parameters.
        schemas(crate::routes::TransitionAction, aikatalog_interop::Format),
    ),
    tags(
        (name = "use-cases", description = "What municipalities do with AI."),
        (name = "algorithms", description = "The algorithm register."),
        (name = "reference", description = "Categories, domains and organisations."),
        (name = "schemas", description = "JSON Schemas of the catalogue's own records."),
        (name = "account", description = "The caller."),
        (name = "ai-act", description = "The AI Act path (Regulation (EU) 2024/1689): the triage questionnaire, a use case's class with its reasons, the deployer's obligations and the Annex VIII registration information."),
        (name = "statistics", description = "Counts of the public catalogue."),
        (name = "operations", description = "Liveness, readiness and metrics."),
        (name = "interop", description = "Other registers' formats in and out: the Dutch Algoritmeregister, the UK ATRS, the Eurocities standard, …"),
    )
)]
pub struct ApiDoc;
