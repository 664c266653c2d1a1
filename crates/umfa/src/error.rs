//! One error type for every entry point.

/// What went wrong. Messages name the argument and the numbers involved.
#[derive(thiserror::Error, Debug, Clone, PartialEq)]
pub enum Error {
    /// An argument is invalid: `arg` names it (`"k"`, `"mask"`, `"scale"`), `reason` says why.
    #[error("invalid argument `{arg}`: {reason}")]
    InvalidArgument { arg: &'static str, reason: String },
    /// The backend cannot run this combination; `reason` says why not.
    #[error("not supported by the {backend} backend: {reason}")]
    Unsupported {
        backend: &'static str,
        reason: String,
    },
    /// The backend named is not available on this machine (no driver, no device, not built).
    #[error("backend {backend} is not available: {reason}")]
    BackendUnavailable { backend: String, reason: String },
    /// A kernel failed to compile (GPU backends).
    #[error("kernel compilation failed: {0}")]
    KernelCompilation(String),
    /// Device memory could not be allocated.
    #[error("out of memory: {0}")]
    OutOfMemory(String),
    /// The device reported an error while running.
    #[error("execution failed: {0}")]
    Execution(String),
}

impl Error {
    /// An `InvalidArgument` naming `arg` (bindings use it so their messages read like the core's).
    pub fn arg(arg: &'static str, reason: impl Into<String>) -> Error {
        Error::InvalidArgument {
            arg,
            reason: reason.into(),
        }
    }

    /// The argument an `InvalidArgument` names, if any.
    pub fn argument(&self) -> Option<&'static str> {
        match self {
            Error::InvalidArgument { arg, .. } => Some(arg),
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
