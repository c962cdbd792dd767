//! Response headers that tell browsers how to treat everything this server sends: the API's
//! JSON, the CSV and JSON downloads, Swagger UI and the pages. A page sets its own
//! Content-Security-Policy (aikatalog-web `site.rs`), and this middleware leaves any header a
//! handler set alone; it fills in the rest.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web;
use aikatalog_state::AppState;

/// For responses that are data, not documents: nothing may be loaded, run or framed.
const DATA_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; \
                        form-action 'none'";

/// Swagger UI: its own scripts and styles, inline style attributes (its React components set
/// them), SVG icons as data URLs, and requests to this origin's API ("Try it out").
const SWAGGER_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' \
                           'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
                           object-src 'none'; base-uri 'self'; form-action 'self'; \
                           frame-ancestors 'none'";

/// A year, as browsers and the HSTS preload list expect.
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Middleware on the whole app (`aikatalog serve` and the test app alike).
pub async fn add_security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let swagger = req.path().starts_with("/docs");
    let https = req
        .app_data::<web::Data<AppState>>()
        .is_some_and(|state| state.origin.is_https());
    let mut res = next.call(req).await?;
    let headers = res.headers_mut();
    let mut default = |name: header::HeaderName, value: &'static str| {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    };
    default(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    default(
        header::CONTENT_SECURITY_POLICY,
        if swagger { SWAGGER_CSP } else { DATA_CSP },
    );
    // For browsers that predate `frame-ancestors`.
    default(header::X_FRAME_OPTIONS, "DENY");
    default(header::REFERRER_POLICY, "same-origin");
    if https {
        // Only over https: on plain http the header is ignored, and sent from a development
        // server on localhost it would pin every other local site to https.
        default(header::STRICT_TRANSPORT_SECURITY, HSTS);
    }
    Ok(res)
}
