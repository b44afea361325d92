//! Web and e-mail addresses: links written `<https://…>` in the text, and the
//! contact page's e-mail and web site.

use super::at;
use crate::content::markup::{self, Inline};
use crate::content::model::Contact;
use crate::content::{Project, TextSite};
use crate::diag::{Code, Diagnostic, SourceFile};
use toml::Spanned;

pub(super) fn lint(project: &Project, sites: &[TextSite<'_>], findings: &mut Vec<Diagnostic>) {
    for site in sites {
        let mut links = Vec::new();
        collect_links(&site.text.inlines, &mut links);
        for (url, shown) in links {
            let Some(problem) = url_problem(&url) else {
                continue;
            };
            // Point at the address as typed: it is what the link shows.
            let range = site
                .text
                .raw
                .find(shown.as_str())
                .map_or(0..site.text.raw.len(), |start| start..start + shown.len());
            findings.push(at(
                site,
                range,
                Diagnostic::new(
                    Code::Link,
                    format!("`{url}` is not a valid web address: {problem}"),
                )
                .hint("write a link as `<https://domaine.fr/page>`"),
            ));
        }
    }
    let contacts = std::iter::once((&project.manifest_file, &project.brochure.manifest.contact))
        .chain(
            project
                .local_files
                .iter()
                .filter_map(|l| Some((&l.file, l.content.contact.as_ref()?))),
        );
    for (file, contact) in contacts {
        contact_lint(file, contact, findings);
    }
}

/// The e-mail address, the web site and the social links of a contact
/// block, when given.
fn contact_lint(file: &SourceFile, contact: &Contact, findings: &mut Vec<Diagnostic>) {
    let mut report = |line: &Spanned<String>, problem: String, what: &str, hint: &str| {
        findings.push(
            Diagnostic::new(
                Code::Link,
                format!("`{}` is not {what}: {problem}", line.get_ref()),
            )
            .at(file.clone(), line.span())
            .hint(hint.to_owned()),
        );
    };
    if let Some(email) = &contact.email
        && let Some(problem) = email_problem(email.get_ref())
    {
        report(
            email,
            problem,
            "an e-mail address",
            "write it as `nom@domaine.fr`",
        );
    }
    if let Some(website) = &contact.website
        && let Some(problem) = domain_problem(website.get_ref().split('/').next().unwrap_or(""))
    {
        report(
            website,
            problem,
            "a web address",
            "write it as `www.domaine.fr`",
        );
    }
    for url in contact
        .social
        .iter()
        .filter_map(|social| social.url.as_ref())
    {
        if let Some(problem) = url_problem(url.get_ref()) {
            report(
                url,
                problem,
                "a web address",
                "write the whole address, e.g. `https://piaille.fr/@groupe`",
            );
        }
    }
}

/// Each link's address and the text that shows it.
fn collect_links(nodes: &[Inline], links: &mut Vec<(String, String)>) {
    markup::visit(nodes, &mut |node| {
        if let Inline::Link(link) = node {
            links.push((link.url.clone(), markup::plain_text(&link.body)));
        }
    });
}

/// Why a link address is malformed, if it is.
fn url_problem(url: &str) -> Option<String> {
    if let Some(address) = url.strip_prefix("mailto:") {
        return email_problem(address);
    }
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return Some("it does not start with `https://`".into());
    };
    if url.chars().any(char::is_whitespace) {
        return Some("it contains a space".into());
    }
    domain_problem(rest.split(['/', '?', '#']).next().unwrap_or(""))
}

fn email_problem(address: &str) -> Option<String> {
    match address.split_once('@') {
        Some((local, domain)) if !local.is_empty() && !local.contains(char::is_whitespace) => {
            domain_problem(domain)
        }
        _ => Some("it needs a name, `@` and a domain".into()),
    }
}

/// Why a domain name is malformed: it needs two labels or more, of letters,
/// digits and inner hyphens, and a top-level domain of the public-suffix list.
fn domain_problem(domain: &str) -> Option<String> {
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Some(format!(
            "the domain `{domain}` has no top-level domain such as `.fr`"
        ));
    }
    let bad_label = labels.iter().find(|label| {
        label.is_empty()
            || label.starts_with('-')
            || label.ends_with('-')
            || !label.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    if let Some(label) = bad_label {
        return Some(format!("`{label}` is not a valid part of a domain"));
    }
    let tld = labels.last().copied().unwrap_or("");
    let known = psl::suffix(tld.to_lowercase().as_bytes()).is_some_and(|s| s.is_known());
    (!known).then(|| format!("`{tld}` is not a top-level domain"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_addresses_pass() {
        assert_eq!(url_problem("https://projet-participatif.ardèche.fr"), None);
        assert_eq!(url_problem("https://herault.fr/solidaires34"), None);
        assert_eq!(email_problem("parti@socialiste.fr"), None);
        assert_eq!(domain_problem("www.siteweb.fr"), None);
    }

    #[test]
    fn malformed_addresses_are_found() {
        assert!(url_problem("https://exemple").is_some());
        assert!(url_problem("https://ex..fr").is_some());
        assert!(url_problem("ftp://exemple.fr").is_some());
        assert!(email_problem("parti.socialiste.fr").is_some());
        assert!(domain_problem("site-.fr").is_some());
        assert!(domain_problem("site.gironde").is_some());
        assert_eq!(domain_problem("site.bzh"), None);
    }
}
