//! The query syntax people type: words (all required), `"quoted phrases"`, `-excluded` words or
//! phrases, and `OR` between alternatives. Anything else is a word, so no input is an error.

/// A word or a phrase as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Word(String),
    Phrase(String),
}

/// A parsed query: every group is required, and a group is met by any of its items.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub groups: Vec<Vec<Item>>,
    pub excluded: Vec<Item>,
}

impl Parsed {
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.excluded.is_empty()
    }
}

enum Token {
    Item { item: Item, negated: bool },
    Or,
}

fn tokenize(input: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = input.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let Some(&first) = chars.peek() else { break };
        let negated = first == '-';
        if negated {
            chars.next();
        }
        if chars.peek() == Some(&'"') {
            chars.next();
            // An unclosed quote runs to the end: people forget the closing one.
            let phrase: String = chars.by_ref().take_while(|c| *c != '"').collect();
            if !phrase.trim().is_empty() {
                out.push(Token::Item {
                    item: Item::Phrase(phrase.trim().to_owned()),
                    negated,
                });
            }
            continue;
        }
        let mut word = String::new();
        while let Some(c) = chars.next_if(|c| !c.is_whitespace() && *c != '"') {
            word.push(c);
        }
        if word.is_empty() {
            // A lone "-" means nothing.
            continue;
        }
        if word == "OR" && !negated {
            out.push(Token::Or);
        } else {
            out.push(Token::Item {
                item: Item::Word(word),
                negated,
            });
        }
    }
    out
}

/// Parses a query string.
pub fn parse(input: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut join_next = false;
    for token in tokenize(input) {
        match token {
            // `OR` joins the items on either side; at the start or twice in a row it is ignored.
            Token::Or => join_next = !parsed.groups.is_empty(),
            Token::Item {
                item,
                negated: true,
            } => {
                parsed.excluded.push(item);
                join_next = false;
            }
            Token::Item {
                item,
                negated: false,
            } => {
                match parsed.groups.last_mut() {
                    Some(group) if join_next => group.push(item),
                    _ => parsed.groups.push(vec![item]),
                }
                join_next = false;
            }
        }
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Item {
        Item::Word(s.into())
    }

    #[test]
    fn words_are_separate_required_groups() {
        assert_eq!(
            parse("  chatbot  intranet ").groups,
            vec![vec![w("chatbot")], vec![w("intranet")]]
        );
    }

    #[test]
    fn or_joins_neighbours_and_minus_excludes() {
        let p = parse("chatbot OR sprogmodel Vejle -Gladsaxe -\"lukket miljø\"");
        assert_eq!(
            p.groups,
            vec![vec![w("chatbot"), w("sprogmodel")], vec![w("Vejle")]]
        );
        assert_eq!(
            p.excluded,
            vec![w("Gladsaxe"), Item::Phrase("lukket miljø".into())]
        );
    }

    #[test]
    fn quotes_make_phrases_even_when_unclosed() {
        assert_eq!(
            parse("\"tidlig opsporing\" \"hjemme pleje").groups,
            vec![
                vec![Item::Phrase("tidlig opsporing".into())],
                vec![Item::Phrase("hjemme pleje".into())]
            ]
        );
    }

    #[test]
    fn stray_operators_are_harmless() {
        assert_eq!(parse("OR OR - \"\" or").groups, vec![vec![w("or")]]);
        assert!(parse("").is_empty());
    }
}
