"""What GitHub decides around a workflow's jobs, worked out offline for a given event: whether the
event starts the workflow, whether a job or a step runs, what a `concurrency:` group or an `env:`
value comes to. The tests of .github/workflows/ state events and expected outcomes with these,
instead of restating the YAML's text."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
import yaml

from .expressions import Status, condition, interpolate
from .site import REPO

WORKFLOWS = REPO / ".github" / "workflows"


def workflow(name: str) -> dict:
    """A workflow of .github/workflows/ as YAML reads it (`on` under "on", not under True)."""
    data = yaml.safe_load((WORKFLOWS / name).read_text())
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


def starts(workflow: dict, event_name: str, *, action: str | None = None, branch: str | None = None) -> bool:
    """Whether an event starts the workflow: its name under `on:`, and the `types:` (the event's
    action) and `branches:` filters it names."""
    on = workflow["on"]
    triggers = {on: None} if isinstance(on, str) else dict.fromkeys(on) if isinstance(on, list) else on
    if event_name not in triggers:
        return False
    filters = triggers[event_name] or {}
    if "types" in filters and action not in filters["types"]:
        return False
    return "branches" not in filters or any(fnmatchcase(branch or "", pattern) for pattern in filters["branches"])


@dataclass(frozen=True)
class Need:
    """How a job that another needs ended, as the `needs` context shows it."""

    result: str = "success"
    """success, failure, cancelled or skipped (a job that timed out is a failure)."""
    outputs: dict[str, str] = field(default_factory=dict)
    """Its outputs: strings; one it did not set is missing (an empty string when read)."""


@dataclass(frozen=True)
class Run:
    """One run of a workflow: the event that started it and what GitHub knows about it."""

    event_name: str
    """push, schedule, workflow_dispatch, issue_comment..."""
    event: dict = field(default_factory=dict)
    """The event's payload (github.event)."""
    inputs: dict = field(default_factory=dict)
    """A workflow_dispatch's inputs, typed (see `dispatched`)."""
    cancelled: bool = False
    """Someone (or a newer run of the group) cancelled the run."""
    github: dict = field(default_factory=dict)
    """More of the github context (ref, sha, run_id, repository...), over stand-in values."""
    runner_temp: str = "/tmp/runner"
    """The runner's temporary folder (runner.temp)."""

    def contexts(self, needs: dict[str, Need] | None = None, steps: dict[str, dict] | None = None) -> dict:
        """The contexts an expression of this run reads, with how the needed jobs ended and, for a
        step, the earlier steps (by id); a context not given is an error when read."""
        github = {"event_name": self.event_name, "event": self.event, "repository": "ada/papers",
                  "server_url": "https://github.com", "run_id": "4242", "token": "a-token",
                  "ref": "refs/heads/main", "sha": "0" * 40, **self.github}
        ended = {name: {"result": need.result, "outputs": need.outputs} for name, need in (needs or {}).items()}
        contexts = {"github": github, "inputs": self.inputs, "secrets": {}, "runner": {"temp": self.runner_temp},
                    "needs": ended}
        if steps is not None:
            contexts["steps"] = steps
        return contexts


def dispatched(workflow: dict, **fields: str | bool) -> Run:
    """A workflow_dispatch run with these inputs (`gh workflow run -f name=value`), typed as the
    workflow declares them: a boolean input is a boolean, an input not given takes its default."""
    declared = (workflow["on"].get("workflow_dispatch") or {}).get("inputs", {})
    unknown = set(fields) - set(declared)
    assert not unknown, f"the workflow declares no input {sorted(unknown)}"
    inputs = {}
    for name, spec in declared.items():
        value = fields.get(name, spec.get("default", ""))
        if spec.get("type") == "boolean":
            value = value if isinstance(value, bool) else {"true": True, "false": False}[str(value)]
        inputs[name] = value
    return Run("workflow_dispatch", inputs=inputs)


def needs_of(job: dict) -> list[str]:
    needs = job.get("needs", [])
    return [needs] if isinstance(needs, str) else list(needs)


def job_runs(workflow: dict, name: str, run: Run, **needs: Need) -> bool:
    """Whether the job runs in this run, given how the jobs it needs ended (a needed job not
    named succeeded with no outputs)."""
    job = workflow["jobs"][name]
    unknown = set(needs) - set(needs_of(job))
    assert not unknown, f"job {name} does not need {sorted(unknown)}"
    ended = {need: needs.get(need, Need()) for need in needs_of(job)}
    results = [need.result for need in ended.values()]
    status = Status(cancelled=run.cancelled, failed="failure" in results,
                    succeeded=all(result == "success" for result in results))
    return condition(job.get("if"), run.contexts(ended), status)


def step_of(job: dict, name: str) -> dict:
    """The step of a job with this name or id."""
    return next(step for step in job["steps"] if name in (step.get("name"), step.get("id")))


def step_runs(workflow: dict, job: str, step: str, run: Run, *, steps: dict[str, str] | None = None,
              **needs: Need) -> bool:
    """Whether a step runs, given how its job's needs ended and the outcomes of the earlier steps
    (by id: success, failure, skipped)."""
    outcomes = steps or {}
    status = Status(cancelled=run.cancelled, failed="failure" in outcomes.values(),
                    succeeded="failure" not in outcomes.values())
    earlier = {id_: {"outcome": outcome, "conclusion": outcome, "outputs": {}} for id_, outcome in outcomes.items()}
    contexts = run.contexts({n: needs.get(n, Need()) for n in needs_of(workflow["jobs"][job])}, earlier)
    return condition(step_of(workflow["jobs"][job], step).get("if"), contexts, status)


def resolved(value: str, run: Run, *, steps: dict[str, dict] | None = None, **needs: Need) -> str:
    """A workflow's string (an env: value, a concurrency group, a checkout's ref) as GitHub fills it in."""
    return interpolate(str(value), run.contexts(needs, steps if steps is not None else {}))


def step_env(step: dict, run: Run, *, steps: dict[str, dict] | None = None, **needs: Need) -> dict[str, str]:
    """A step's env:, each value filled in for this run."""
    return {name: resolved(value, run, steps=steps, **needs) for name, value in step.get("env", {}).items()}


def command(step: dict, run: Run, *, steps: dict[str, dict] | None = None, **needs: Need) -> list[str]:
    """The words a one-command run: step runs, its `$NAME`s filled in from its env: for this run
    (as bash would: after splitting, so a value with spaces stays one word)."""
    env = step_env(step, run, steps=steps, **needs)
    words = shlex.split(step["run"])
    assert not {"&&", "||", ";", "|"} & set(words), f"not one command: {step['run']!r}"
    assert "'$" not in step["run"], f"a single-quoted $ is not filled in: {step['run']!r}"
    return [re.sub(r"\$(\w+)|\$\{(\w+)\}", lambda m: env[m.group(1) or m.group(2)], word) for word in words]
