//! Finding a text as a reader copies it from the PDF or types it from
//! paper: the sources write « balades » with no-break spaces and typographic
//! apostrophes, the PDF hyphenates words at line ends, the reader types
//! straight quotes, ordinary spaces, another case. [`search_form`] maps all
//! of these to one form; accents are kept.

use unicode_normalization::UnicodeNormalization;

use super::project::Project;
use super::walk::TextSite;

/// The form in which a text is compared: composed, lower case, every
/// apostrophe `'`, every quotation mark `"`, `…` as `...`, dashes as `-`;
/// hyphens (and soft hyphens) left out with the line break that may follow
/// them (« trans-⏎ition », « Lot-et-Garonne » and « Lot-et-⏎Garonne » all
/// read `transition`, `lotetgaronne`); spaces of every kind one space, none
/// inside quotation marks or brackets nor before `; : ! ? . ,`.
pub fn search_form(text: &str) -> String {
    let mut mapped = String::with_capacity(text.len());
    for c in text.nfc().flat_map(char::to_lowercase) {
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '`' => mapped.push('\''),
            '«' | '»' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => mapped.push('"'),
            '…' => mapped.push_str("..."),
            '\u{00AD}' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}'
            | '\u{2212}' => {
                mapped.push('-');
            }
            '\u{200B}' | '\u{2060}' | '\u{FEFF}' => {}
            c if c.is_whitespace() => mapped.push(' '),
            c => mapped.push(c),
        }
    }
    let mut out = String::with_capacity(mapped.len());
    let mut chars = mapped.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '-' {
            // A hyphen, and the line break after it, are left out.
            while chars.next_if(|&c| c == ' ').is_some() {}
            continue;
        }
        if c == ' ' {
            while chars.next_if(|&c| c == ' ').is_some() {}
            let next_closes = chars.peek().is_none_or(|&n| {
                matches!(n, ';' | ':' | '!' | '?' | '.' | ',' | '"' | ')' | ']' | '-')
            });
            let after_opening = out.is_empty() || out.ends_with(['"', '(', '[', '\'']);
            if next_closes || after_opening {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A source string that holds a text.
#[derive(Debug, Clone)]
pub struct Found<'a> {
    /// The string and where it is.
    pub site: TextSite<'a>,
    /// Its line and column (from 1) in its file: the string's opening quote.
    pub line: usize,
    /// See `line`.
    pub column: usize,
}

impl Project {
    /// Every source string whose printed text holds `query`, compared in
    /// their [`search_form`], in reading order.
    pub fn find(&self, query: &str) -> Vec<Found<'_>> {
        let wanted = search_form(query);
        if wanted.is_empty() {
            return Vec::new();
        }
        self.texts()
            .into_iter()
            .filter(|site| search_form(&site.text.plain()).contains(&wanted))
            .map(|site| {
                let (line, column) = site.file.line_column(site.text.span.start);
                Found { site, line, column }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::search_form;

    #[test]
    fn quotes_apostrophes_spaces_and_case_read_alike() {
        assert_eq!(
            search_form("des « balades\u{202F}thermographiques »"),
            search_form("des \"Balades thermographiques\"")
        );
        assert_eq!(search_form("l\u{2019}État"), search_form("l'état"));
        assert_eq!(
            search_form("texte\u{202F}: suite\u{00A0}!"),
            search_form("texte: suite!")
        );
        assert_eq!(search_form("a\u{00A0}\n  b\tc"), "a b c");
    }

    #[test]
    fn words_hyphenated_at_line_ends_read_whole() {
        assert_eq!(
            search_form("la trans-\nition écologique"),
            search_form("la transition écologique")
        );
        assert_eq!(search_form("trans\u{00AD}ition"), "transition");
        assert_eq!(search_form("thermogra\u{00AD} phiques"), "thermographiques");
        assert_eq!(
            search_form("Lot-et-\nGaronne"),
            search_form("Lot-et-Garonne")
        );
    }

    #[test]
    fn accents_are_kept() {
        assert_ne!(search_form("été"), search_form("ete"));
    }
}
