//! The scheme and host that absolute links (export rows, `Strict-Transport-Security`) are built
//! from. `X-Forwarded-Host`/`-Proto` and `Forwarded` are headers any client can send, so they
//! are believed only from a configured proxy; a link built from a forged one would point the
//! reader of an exported file at the forger's site.

use std::net::IpAddr;

use actix_web::HttpRequest;
use actix_web::http::header;
use ipnet::IpNet;
use url::Url;

/// Where this catalogue is reached from outside (`AIKATALOG_PUBLIC_URL`), and which peers are
/// proxies whose forwarded headers are true (`AIKATALOG_TRUSTED_PROXIES`).
#[derive(Clone, Debug, Default)]
pub struct PublicOrigin {
    public_url: Option<Url>,
    trusted_proxies: Vec<IpNet>,
}

impl PublicOrigin {
    pub fn new(public_url: Option<Url>, trusted_proxies: Vec<IpNet>) -> Self {
        Self {
            public_url,
            trusted_proxies,
        }
    }

    /// Whether the catalogue is served over https, so browsers may be told to insist on it.
    pub fn is_https(&self) -> bool {
        self.public_url
            .as_ref()
            .is_some_and(|u| u.scheme() == "https")
    }

    /// `scheme://host[:port][/prefix]` without a trailing slash, for the request `req`: the
    /// public URL when one is configured; else the forwarded headers when the peer is a trusted
    /// proxy; else the `Host` the client itself connected to.
    pub fn of(&self, req: &HttpRequest) -> String {
        if let Some(url) = &self.public_url {
            return url.as_str().trim_end_matches('/').to_owned();
        }
        if req
            .peer_addr()
            .is_some_and(|peer| self.is_trusted(peer.ip()))
        {
            let info = req.connection_info();
            return format!("{}://{}", info.scheme(), info.host());
        }
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .map(str::to_owned)
            .or_else(|| req.uri().authority().map(|a| a.to_string()))
            .unwrap_or_else(|| req.app_config().host().to_owned());
        // This server speaks plain HTTP itself; https is a proxy's job, and then the proxy or
        // the public URL says so.
        format!("http://{host}")
    }

    /// The client's address, for per-client limits: the peer address, unless the peer is a
    /// trusted proxy. Then `X-Forwarded-For` is read from the right, each trusted proxy skipped,
    /// and the first address not a trusted proxy is the client: entries further left could have
    /// been sent by the client itself, so they are never believed over the last untrusted hop.
    pub fn client_ip(&self, req: &HttpRequest) -> Option<IpAddr> {
        let peer = req.peer_addr()?.ip();
        if !self.is_trusted(peer) {
            return Some(peer);
        }
        let mut client = peer;
        let forwarded = req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect::<Vec<_>>();
        for hop in forwarded.iter().rev() {
            let Ok(ip) = hop.parse::<IpAddr>() else {
                // A hop we cannot read ends the chain we can vouch for.
                break;
            };
            client = ip;
            if !self.is_trusted(ip) {
                break;
            }
        }
        Some(client)
    }

    fn is_trusted(&self, peer: IpAddr) -> bool {
        // An IPv4 peer may arrive as an IPv6-mapped address on a dual-stack socket.
        let peer = match peer {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(peer, IpAddr::V4),
            v4 => v4,
        };
        self.trusted_proxies.iter().any(|net| net.contains(&peer))
    }
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn forged() -> TestRequest {
        TestRequest::get()
            .uri("/soeg.csv")
            .insert_header((header::HOST, "katalog.example"))
            .insert_header(("X-Forwarded-Host", "evil.example"))
            .insert_header(("X-Forwarded-Proto", "https"))
    }

    fn proxies(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|p| p.parse().expect("a CIDR")).collect()
    }

    fn from_peer(peer: &str, forwarded_for: Option<&str>) -> HttpRequest {
        let mut req = TestRequest::get().peer_addr(peer.parse().expect("a socket address"));
        if let Some(list) = forwarded_for {
            req = req.insert_header(("X-Forwarded-For", list));
        }
        req.to_http_request()
    }

    #[test]
    fn the_client_is_the_peer_unless_the_peer_is_a_trusted_proxy() {
        let origin = PublicOrigin::new(None, proxies(&["10.0.0.0/8"]));
        let ip = |s: &str| Some(s.parse::<IpAddr>().expect("an address"));
        // Anyone may send the header; from an untrusted peer it is ignored.
        assert_eq!(
            origin.client_ip(&from_peer("198.51.100.9:4000", Some("203.0.113.7"))),
            ip("198.51.100.9")
        );
        // Through two trusted proxies, the first address that is not a proxy is the client.
        assert_eq!(
            origin.client_ip(&from_peer("10.0.0.5:4000", Some("203.0.113.7, 10.0.0.2"))),
            ip("203.0.113.7")
        );
        // A client that forges an earlier hop cannot choose its own budget.
        assert_eq!(
            origin.client_ip(&from_peer("10.0.0.5:4000", Some("192.0.2.1, 203.0.113.7"))),
            ip("203.0.113.7")
        );
        // A trusted proxy that forwards nothing is itself the client.
        assert_eq!(
            origin.client_ip(&from_peer("10.0.0.5:4000", None)),
            ip("10.0.0.5")
        );
        assert_eq!(
            origin.client_ip(&from_peer("10.0.0.5:4000", Some("not-an-ip"))),
            ip("10.0.0.5")
        );
    }

    #[test]
    fn forwarded_headers_from_an_untrusted_peer_are_ignored() {
        let origin = PublicOrigin::new(None, proxies(&["10.0.0.0/8"]));
        let req = forged()
            .peer_addr("192.0.2.7:5000".parse().expect("addr"))
            .to_http_request();
        assert_eq!(origin.of(&req), "http://katalog.example");
        let unknown_peer = forged().to_http_request();
        assert_eq!(origin.of(&unknown_peer), "http://katalog.example");
    }

    #[test]
    fn forwarded_headers_from_a_trusted_proxy_are_used() {
        let origin = PublicOrigin::new(None, proxies(&["10.0.0.0/8", "::1/128"]));
        let req = forged()
            .peer_addr("10.1.2.3:5000".parse().expect("addr"))
            .to_http_request();
        assert_eq!(origin.of(&req), "https://evil.example");
        let mapped = forged()
            .peer_addr("[::ffff:10.1.2.3]:5000".parse().expect("addr"))
            .to_http_request();
        assert_eq!(origin.of(&mapped), "https://evil.example");
    }

    #[test]
    fn the_public_url_wins_over_every_header() {
        let url = Url::parse("https://ai-katalog.kl.dk/").expect("url");
        let origin = PublicOrigin::new(Some(url), proxies(&["10.0.0.0/8"]));
        let req = forged()
            .peer_addr("10.1.2.3:5000".parse().expect("addr"))
            .to_http_request();
        assert_eq!(origin.of(&req), "https://ai-katalog.kl.dk");
        assert!(origin.is_https());
        assert!(!PublicOrigin::default().is_https());
    }
}
