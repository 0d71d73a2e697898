"""Errors the command line turns into one clear line and an exit status."""


class BrieferError(Exception):
    """A failure the user can act on. exit_status 2 means bad input or configuration."""

    exit_status = 1


class InputError(BrieferError):
    exit_status = 2


class ConfigError(InputError):
    """Every problem found in a configuration file, reported together."""

    def __init__(self, path: str, problems: list[str]):
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"invalid configuration in {path}:\n{lines}")
