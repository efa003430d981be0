//! `stagecraft explain`: a rule's page (what, why, bad and good example, fix), from the same
//! data as `docs/rules/<Code>.md` and the web app.

use stagecraft_check::{docs, rules};
use std::process::ExitCode;

/// Arguments of `stagecraft explain`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The rule code, e.g. `UnnamedStageReference` (case-insensitive); omit to list all rules.
    pub code: Option<String>,
    /// Print the page as Markdown.
    #[arg(long)]
    pub markdown: bool,
}

/// Run the subcommand.
pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let Some(code) = args.code else {
        for r in rules::all() {
            println!("{:<32} {:<10} {}", r.code, r.origin.as_str(), r.summary);
        }
        return Ok(ExitCode::SUCCESS);
    };
    match rules::find(&code) {
        Some(rule) => {
            if args.markdown {
                print!("{}", docs::markdown(rule));
            } else {
                print!("{}", docs::text(rule));
            }
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let names: Vec<&str> = rules::all().iter().map(|r| r.code).collect();
            Err(format!("unknown rule `{code}`; known rules: {}", names.join(", ")).into())
        }
    }
}
