//! What makes two pages the same page.

use sha2::{Digest, Sha256};

/// Query parameters that track the reader, not the page: two links that
/// differ only in these name one article.
fn is_tracking(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("utm_")
        || matches!(
            name.as_str(),
            "fbclid"
                | "gclid"
                | "dclid"
                | "msclkid"
                | "mc_cid"
                | "mc_eid"
                | "ocid"
                | "cmpid"
                | "smid"
                | "ref"
                | "ref_src"
        )
}

/// The form of `url` used as an article's identity: scheme and host in
/// lowercase, `http` taken as `https`, default ports, fragments and
/// tracking parameters dropped, an empty path written `/`. `None` for
/// something that is not an absolute http(s) URL.
pub fn canonical_url(url: &str) -> Option<String> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let rest = rest.split('#').next().unwrap_or_default();
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path_query) = rest.split_at(authority_end);
    // Credentials never belong in an identity.
    let host_port = authority.rsplit('@').next().unwrap_or_default().to_ascii_lowercase();
    let host = host_port.strip_suffix(":80").or_else(|| host_port.strip_suffix(":443")).unwrap_or(&host_port);
    if host.is_empty() {
        return None;
    }
    let (path, query) = path_query.split_once('?').unwrap_or((path_query, ""));
    let path = if path.is_empty() { "/" } else { path };
    let kept: Vec<&str> =
        query.split('&').filter(|p| !p.is_empty() && !is_tracking(p.split('=').next().unwrap_or_default())).collect();
    let mut out = format!("https://{host}{path}");
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    Some(out)
}

/// The hex SHA-256 of a page's text: the same page read twice has the same
/// hash, so a rerun can skip it before analysing it.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_that_differ_only_in_form_or_tracking_are_one_identity() {
        let a = canonical_url("HTTP://News.Example.com:80/world/story-1?utm_source=feed&id=7#comments");
        let b = canonical_url("https://news.example.com/world/story-1?id=7");
        assert_eq!(a.as_deref(), Some("https://news.example.com/world/story-1?id=7"));
        assert_eq!(a, b);
        assert_eq!(canonical_url("https://example.com").as_deref(), Some("https://example.com/"));
    }

    #[test]
    fn different_pages_keep_different_identities() {
        assert_ne!(canonical_url("https://example.com/a?id=1"), canonical_url("https://example.com/a?id=2"));
        assert_ne!(canonical_url("https://example.com/a"), canonical_url("https://example.com/b"));
    }

    #[test]
    fn what_is_not_a_web_address_has_no_canonical_form() {
        assert_eq!(canonical_url("ftp://example.com/file"), None);
        assert_eq!(canonical_url("story.html"), None);
        assert_eq!(canonical_url("https:///path"), None);
    }

    #[test]
    fn the_content_hash_is_sha256() {
        assert_eq!(content_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
