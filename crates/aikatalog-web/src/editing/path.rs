//! Field paths as validation errors, diffs and form field names write them: `results[2].unit`.

use std::fmt;

use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A parsed field path; empty for the document itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Path(pub Vec<Step>);

impl Path {
    /// Reads `results[2].unit`; `None` for anything else (an empty key, an unclosed bracket).
    pub fn parse(text: &str) -> Option<Path> {
        let mut steps = Vec::new();
        for part in text.split('.') {
            let (key, mut rest) = match part.find('[') {
                Some(i) => (&part[..i], &part[i..]),
                None => (part, ""),
            };
            if key.is_empty() {
                return None;
            }
            steps.push(Step::Key(key.to_owned()));
            while !rest.is_empty() {
                let close = rest.find(']')?;
                let index = rest.get(1..close)?.parse().ok()?;
                steps.push(Step::Index(index));
                rest = &rest[close + 1..];
                if !rest.is_empty() && !rest.starts_with('[') {
                    return None;
                }
            }
        }
        Some(Path(steps))
    }

    pub fn key(&self, key: &str) -> Path {
        let mut steps = self.0.clone();
        steps.push(Step::Key(key.to_owned()));
        Path(steps)
    }

    pub fn index(&self, index: usize) -> Path {
        let mut steps = self.0.clone();
        steps.push(Step::Index(index));
        Path(steps)
    }

    /// The path's last key (the field's own name), if it ends in one.
    pub fn last_key(&self) -> Option<&str> {
        self.0.iter().rev().find_map(|s| match s {
            Step::Key(k) => Some(k.as_str()),
            Step::Index(_) => None,
        })
    }

    /// An HTML id for the field: `f-results-2-unit`.
    pub fn html_id(&self) -> String {
        let mut id = String::from("f");
        for step in &self.0 {
            id.push('-');
            match step {
                Step::Key(k) => id.push_str(k),
                Step::Index(i) => id.push_str(&i.to_string()),
            }
        }
        id
    }

    /// The value at this path, if the document has one.
    pub fn get<'v>(&self, mut value: &'v Value) -> Option<&'v Value> {
        for step in &self.0 {
            value = match step {
                Step::Key(k) => value.get(k)?,
                Step::Index(i) => value.get(i)?,
            };
        }
        Some(value)
    }

    /// Puts `new` at this path, making the objects and lists on the way; a list too short is
    /// filled with nulls up to the index.
    pub fn set(&self, root: &mut Value, new: Value) {
        let mut value = root;
        for step in &self.0 {
            value = match step {
                Step::Key(k) => {
                    if !value.is_object() {
                        *value = Value::Object(Map::new());
                    }
                    let Value::Object(map) = value else { return };
                    map.entry(k.clone()).or_insert(Value::Null)
                }
                Step::Index(i) => {
                    if !value.is_array() {
                        *value = Value::Array(Vec::new());
                    }
                    let Value::Array(list) = value else { return };
                    if list.len() <= *i {
                        list.resize(i + 1, Value::Null);
                    }
                    &mut list[*i]
                }
            };
        }
        *value = new;
    }

    /// Takes the value at this path out of the document (a list item shifts the rest up).
    pub fn remove(&self, root: &mut Value) -> Option<Value> {
        let (last, parent) = self.0.split_last()?;
        let parent = Path(parent.to_vec()).get_mut(root)?;
        match (last, parent) {
            (Step::Key(k), Value::Object(map)) => map.remove(k),
            (Step::Index(i), Value::Array(list)) if *i < list.len() => Some(list.remove(*i)),
            _ => None,
        }
    }

    fn get_mut<'v>(&self, mut value: &'v mut Value) -> Option<&'v mut Value> {
        for step in &self.0 {
            value = match step {
                Step::Key(k) => value.get_mut(k)?,
                Step::Index(i) => value.get_mut(i)?,
            };
        }
        Some(value)
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(key) if i == 0 => f.write_str(key)?,
                Step::Key(key) => write!(f, ".{key}")?,
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_read_and_write_as_validation_names_them() {
        let path = Path::parse("results[2].unit").expect("a path");
        assert_eq!(path.to_string(), "results[2].unit");
        assert_eq!(path.html_id(), "f-results-2-unit");
        assert_eq!(Path::parse("a[1][0]").map(|p| p.0.len()), Some(3));
        for bad in ["", "a..b", "a[x]", "a[1", "a[1]b", ".a"] {
            assert_eq!(Path::parse(bad), None, "{bad}");
        }
        let mut doc = json!({});
        path.set(&mut doc, json!("%"));
        assert_eq!(doc, json!({"results": [null, null, {"unit": "%"}]}));
        assert_eq!(
            Path::parse("results[0]").and_then(|p| p.remove(&mut doc)),
            Some(json!(null))
        );
        assert_eq!(doc["results"][1]["unit"], "%");
    }
}
