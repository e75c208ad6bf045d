//! Query parameters: reading them, the limit a query really uses, and the link to the next page.

use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use axum::http::Uri;
use serde::de::DeserializeOwned;

use crate::error::Failure;

/// Query-string parameters, refused as a JSON 400 naming the bad one.
pub(crate) struct Params<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Params<T>, Failure> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(Params(value)),
            Err(e) => Err(Failure::bad_request(e.body_text())),
        }
    }
}

/// The numeric id in a path (`/api/articles/{id}`); anything else names nothing there.
pub(crate) struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Id, Failure> {
        match Path::<i64>::from_request_parts(parts, state).await {
            Ok(Path(id)) => Ok(Id(id)),
            Err(_) => Err(Failure::not_found(format!(
                "nothing at {}: ids are whole numbers, as the listings give them",
                parts.uri.path()
            ))),
        }
    }
}

/// The limit and offset the store applies to what was asked.
pub(crate) use newsgraph_store::query::page_bounds as bounds;

/// `uri` asking for the page after the one at `offset`: the same
/// parameters with `limit` and `offset` set.
pub(crate) fn next_link(uri: &Uri, limit: usize, offset: usize) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    let kept = form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
        .filter(|(key, _)| key != "limit" && key != "offset");
    for (key, value) in kept {
        query.append_pair(&key, &value);
    }
    query.append_pair("limit", &limit.to_string());
    query.append_pair("offset", &(offset + limit).to_string());
    format!("{}?{}", uri.path(), query.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_store::query::{DEFAULT_LIMIT, MAX_LIMIT};

    #[test]
    fn the_next_page_keeps_the_filters_and_moves_the_offset() {
        let uri: Uri = "/api/quotes?speaker=Evans%20Revere&offset=10&limit=5".parse().unwrap();
        assert_eq!(next_link(&uri, 5, 10), "/api/quotes?speaker=Evans+Revere&limit=5&offset=15");
        assert_eq!(next_link(&"/".parse().unwrap(), 50, 0), "/?limit=50&offset=50");
    }

    #[test]
    fn limits_are_those_the_store_applies() {
        assert_eq!(bounds(None, None), (DEFAULT_LIMIT, 0));
        assert_eq!(bounds(Some(0), Some(3)), (1, 3));
        assert_eq!(bounds(Some(usize::MAX), None), (MAX_LIMIT, 0));
    }
}
