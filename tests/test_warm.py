"""`docgen warm`: while it runs, `docgen build` hands its work to it, and the build
writes, prints and exits exactly as it would have alone; Ctrl-C still stops it; it is
not used where it could differ (another user's folder, a captured output, changed
code); it stops when told, or after its idle time."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, published_files
from docgen.cli import main
from docgen.workers import default_workers
from test_build_interrupted import children, wait_for

pytestmark = pytest.mark.skipif(not hasattr(socket, "send_fds"), reason="docgen warm needs Unix sockets")

SLUG = "nora"


def docgen(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "docgen", *args], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=300, check=False)


def logged(env: dict[str, str]) -> list[str]:
    """The lines of docgen warm's log, without their times."""
    logs = list(Path(env["DOCGEN_WARM_DIR"]).glob("warm-*.log"))
    return [line.split(" ", 1)[1] for log in logs for line in log.read_text(encoding="utf-8").splitlines()]


def builds_logged(env: dict[str, str]) -> list[str]:
    """The builds docgen warm ran and how each ended, without the process it ran in."""
    return [re.sub(r" \(process \d+\)$", "", line) for line in logged(env) if line.startswith("build in ")]


def standing_by(env: dict[str, str]) -> str | None:
    """The process that stands by for the next build, if one does."""
    lines = logged(env)
    ran = {line.rsplit("(process ", 1)[-1].rstrip(")") for line in lines if line.startswith("build in ")}
    ready = [line.split()[1] for line in lines if line.endswith(" stands by for the next build")]
    return next((process for process in reversed(ready) if process not in ran), None)


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The environment of a `docgen warm` started for these tests."""
    sockets = tempfile.TemporaryDirectory(prefix="dgw-")  # a short path, as a socket's must be
    env = {**os.environ, "DOCGEN_WARM_DIR": sockets.name, "DOCGEN_CACHE_DIR": str(tmp_path_factory.mktemp("cache"))}
    started = docgen("warm", "--minutes", "10", env=env, cwd=tmp_path_factory.getbasetemp())
    assert started.returncode == 0, started.stderr
    assert "docgen warm: ready" in started.stdout
    yield env
    docgen("warm", "--stop", env=env, cwd=tmp_path_factory.getbasetemp())
    sockets.cleanup()


def workspace(folder: Path) -> Path:
    """`folder`, with a copy of the example municipality in its data/."""
    (folder / "data").mkdir(parents=True)
    shutil.copy(EXAMPLES / f"{SLUG}.yaml", folder / "data")
    shutil.copytree(EXAMPLES / SLUG, folder / "data" / SLUG)
    return folder


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return workspace(tmp_path) / "data"


def alone(env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    """The same environment with no docgen warm to hand the build to."""
    return {**env, "DOCGEN_WARM_DIR": str(tmp_path / "none")}


def test_a_build_through_docgen_warm_is_the_build_run_alone(warm: dict[str, str], tmp_path: Path):
    before = len(builds_logged(warm))
    one, two = workspace(tmp_path / "one"), workspace(tmp_path / "two")
    through = docgen("build", SLUG, "--data", "data", env=warm, cwd=one)
    here = docgen("build", SLUG, "--data", "data", env=alone(warm, tmp_path), cwd=two)
    assert through.returncode == here.returncode == 0, through.stderr
    assert (through.stdout, through.stderr) == (here.stdout, here.stderr)
    built = published_files(one / "build")
    assert len(built) > 30 and built == published_files(two / "build")  # byte for byte, the manifest too
    assert builds_logged(warm)[before:] == [f"build in {one}: exit status 0"]


def test_a_build_runs_in_a_process_that_stood_by_for_it(warm: dict[str, str], tmp_path: Path):
    """docgen warm keeps a process ready for the next build, which has rehearsed one
    (its memory is its own already), with the build's workers started; the build run
    there prints what it prints alone, and once it has ended, another process stands by."""
    one, two = workspace(tmp_path / "one"), workspace(tmp_path / "two")
    wait_for(lambda: standing_by(warm) is not None, what="a process to stand by")
    ready = standing_by(warm)
    assert len(children(int(ready))) == (default_workers() if default_workers() > 1 else 0)
    through = docgen("build", SLUG, "--data", "data", "--format", "md", env=warm, cwd=one)
    here = docgen("build", SLUG, "--data", "data", "--format", "md", env=alone(warm, tmp_path), cwd=two)
    assert through.returncode == here.returncode == 0, through.stderr
    assert (through.stdout, through.stderr) == (here.stdout, here.stderr)
    assert [line for line in logged(warm) if line.startswith("build in ")][-1] == (
        f"build in {one}: exit status 0 (process {ready})"
    )
    wait_for(lambda: standing_by(warm) not in (None, ready), what="the next process to stand by")


def test_the_command_hands_the_build_over_before_it_imports_the_command_line(
    warm: dict[str, str], data: Path, tmp_path: Path
):
    """With docgen warm running, `docgen build` only starts Python and hands its command
    line over: click and docgen's command line are the build's to import, not the command's."""
    command = [sys.executable, "-X", "importtime", "-m", "docgen", "build", SLUG, "--data", "data", "--format", "md"]
    built = subprocess.run(command, env=warm, cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert built.returncode == 0, built.stderr
    assert builds_logged(warm)[-1] == f"build in {tmp_path}: exit status 0"
    imported = {line.rsplit("|", 1)[-1].strip() for line in built.stderr.splitlines() if line.startswith("import time:")}
    assert "docgen.warm" in imported and not {"click", "docgen.cli"} & imported


def test_an_edit_through_docgen_warm_renders_only_what_changed(warm: dict[str, str], data: Path, tmp_path: Path):
    docgen("build", SLUG, "--data", "data", "--out", "build", env=warm, cwd=tmp_path)
    text = (data / f"{SLUG}.yaml").read_text(encoding="utf-8")
    phone = re.search(r"\n {8}phone: (.*\d)\n", text)
    edit = phone.group(0).replace(phone.group(1), "0587-999 99")
    (data / f"{SLUG}.yaml").write_text(text.replace(phone.group(0), edit, 1), encoding="utf-8")  # one administrator's
    edited = docgen("build", SLUG, "--data", "data", "--out", "build", env=warm, cwd=tmp_path)
    assert edited.returncode == 0, edited.stderr
    assert re.search(r"\b3 written, 33 unchanged\b", edited.stdout), edited.stdout
    assert builds_logged(warm)[-1] == f"build in {tmp_path}: exit status 0"  # built by docgen warm
    assert any("0587-999 99" in path.read_text(encoding="utf-8") for path in (tmp_path / "build").rglob("*.snapshot.json"))


def test_the_build_writes_files_with_the_commands_permissions(warm: dict[str, str], data: Path, tmp_path: Path):
    """The files get the permissions of the `docgen build` that asked (its umask), not
    those of the shell `docgen warm` was started from."""
    command = [sys.executable, "-c", "import os, sys; os.umask(0o077); from docgen.command import main; main()",
               "build", SLUG, "--data", "data", "--format", "md"]
    built = subprocess.run(command, env=warm, cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert built.returncode == 0, built.stderr
    assert builds_logged(warm)[-1] == f"build in {tmp_path}: exit status 0"
    written = [path for path in (tmp_path / "build" / SLUG).rglob("*.md")]
    assert written and {path.stat().st_mode & 0o777 for path in written} == {0o600}


def test_bad_data_and_bad_options_are_reported_as_alone(warm: dict[str, str], data: Path, tmp_path: Path):
    text = (data / f"{SLUG}.yaml").read_text(encoding="utf-8")
    (data / f"{SLUG}.yaml").write_text("not_a_field: 1\n" + text, encoding="utf-8")
    before = len(builds_logged(warm))
    bad_data, bad_option = ["build", SLUG, "--data", "data"], ["build", "--kind", "leaflet", "--data", "data"]
    for args in (bad_data, bad_option):
        through = docgen(*args, env=warm, cwd=tmp_path)
        here = docgen(*args, env=alone(warm, tmp_path), cwd=tmp_path)
        assert through.returncode == here.returncode == 2
        assert (through.stdout, through.stderr) == (here.stdout, here.stderr)
        if args is bad_data:
            assert re.search(r"data/nora\.yaml:1:1: not_a_field", through.stderr), through.stderr
        else:
            assert "docgen build [OPTIONS]" in through.stderr and "'leaflet' is not one of" in through.stderr
    assert len(builds_logged(warm)) == before + 2


def every_example(warm: dict[str, str], tmp_path: Path) -> subprocess.Popen[str]:
    """`docgen build` of every example, through docgen warm, once it has written a file."""
    command = [sys.executable, "-m", "docgen", "build", "--data", str(EXAMPLES), "--out", "build"]
    client = subprocess.Popen(command, env=warm, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for(lambda: any(path.is_file() for path in (tmp_path / "build").rglob("*.*")), what="the build to write")
    return client


def test_ctrl_c_stops_a_build_run_by_docgen_warm(warm: dict[str, str], tmp_path: Path):
    before = len(builds_logged(warm))
    client = every_example(warm, tmp_path)
    client.send_signal(signal.SIGINT)
    _, errors = client.communicate(timeout=120)
    assert client.returncode == 1, errors
    assert "build stopped; every file it wrote is complete" in errors
    wait_for(lambda: len(builds_logged(warm)) > before, what="the build to end")
    assert builds_logged(warm)[-1] == f"build in {tmp_path}: exit status 1"


def test_a_build_whose_command_was_killed_stops(warm: dict[str, str], tmp_path: Path):
    """kill -9 of the command (or its terminal closed) stops the build it handed over, as
    it stops a build run by itself, instead of leaving it to write on unseen."""
    before = len(builds_logged(warm))
    client = every_example(warm, tmp_path)
    client.kill()
    client.communicate(timeout=60)
    wait_for(lambda: len(builds_logged(warm)) > before, timeout=60, what="the build to stop")
    assert builds_logged(warm)[-1] == f"build in {tmp_path}: exit status 1"  # stopped, not finished


def test_what_is_not_a_request_does_no_harm(warm: dict[str, str], data: Path, tmp_path: Path):
    path = subprocess.run([sys.executable, "-c", "from docgen import warm; print(warm.socket_path())"], env=warm,
                          capture_output=True, text=True, check=True).stdout.strip()
    for nonsense in (b"", b"nonsense\n", b"[1, 2]\n", b'{"build": '):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(path)
            connection.sendall(nonsense)
    before = len(builds_logged(warm))
    built = docgen("build", SLUG, "--data", "data", "--format", "md", env=warm, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert len(builds_logged(warm)) == before + 1


def test_a_reader_that_stops_early_ends_the_build_as_alone(warm: dict[str, str], data: Path, tmp_path: Path):
    """`docgen build | true`: the pipe closed before the summary ends the build quietly
    with status 1, as click ends a build run by itself, not with a traceback."""
    pipeline = f"{sys.executable} -m docgen build {SLUG} --data data --format md | true; exit ${{PIPESTATUS[0]}}"
    ended = [subprocess.run(["bash", "-c", pipeline], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
             for env in (warm, alone(warm, tmp_path))]
    assert [end.returncode for end in ended] == [1, 1]
    assert not any("Traceback" in end.stderr for end in ended), ended[0].stderr


def test_output_captured_in_memory_is_built_here(warm: dict[str, str], data: Path, tmp_path: Path, monkeypatch):
    for name in ("DOCGEN_WARM_DIR", "DOCGEN_CACHE_DIR"):
        monkeypatch.setenv(name, warm[name])
    before = len(builds_logged(warm))
    result = CliRunner().invoke(main, ["build", SLUG, "--data", str(data), "--out", str(tmp_path / "out"), "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "written" in result.output  # the summary reached the runner, not a terminal
    assert len(builds_logged(warm)) == before


def test_a_folder_others_can_open_is_not_used(warm: dict[str, str], data: Path, tmp_path: Path):
    folder = Path(warm["DOCGEN_WARM_DIR"])
    before = len(builds_logged(warm))
    folder.chmod(0o755)
    try:
        built = docgen("build", SLUG, "--data", "data", "--format", "md", env=warm, cwd=tmp_path)
    finally:
        folder.chmod(0o700)
    assert built.returncode == 0, built.stderr
    assert len(builds_logged(warm)) == before


@pytest.fixture
def short_folder() -> Iterator[Path]:
    """A folder with a path short enough for a socket in it (pytest's may be too long)."""
    with tempfile.TemporaryDirectory(prefix="dgw-") as folder:
        yield Path(folder)


@contextlib.contextmanager
def stale_warm(folder: Path, before_answering=lambda: None) -> Iterator[tuple[dict[str, str], list[dict]]]:
    """A stand-in for a docgen warm whose docgen has changed: it takes one request, calls
    `before_answering`, and answers "stale". Yields the environment that reaches it and
    the requests it got."""
    env = {**os.environ, "DOCGEN_WARM_DIR": str(folder)}
    path = subprocess.run([sys.executable, "-c", "from docgen import warm; print(warm.socket_path())"], env=env,
                          capture_output=True, text=True, check=True).stdout.strip()
    asked: list[dict] = []
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(path)
        listener.listen()
        listener.settimeout(60)

        def answer() -> None:
            connection, _ = listener.accept()
            with connection:
                message, outputs, _, _ = socket.recv_fds(connection, 1 << 20, 2)
                for output in outputs:
                    os.close(output)
                asked.append(json.loads(message))
                before_answering()
                connection.sendall(b"stale\n")

        stale = threading.Thread(target=answer, daemon=True)
        stale.start()
        yield env, asked
        stale.join(timeout=60)


def test_when_docgen_changed_the_build_runs_alone(tmp_path: Path, data: Path, short_folder: Path):
    """A docgen warm that finds docgen's code or templates changed answers "stale" and
    stops; the build then runs in its own process."""
    with stale_warm(short_folder) as (env, asked):
        built = docgen("build", SLUG, "--data", "data", "--format", "md", env=env, cwd=tmp_path)
    assert asked and asked[0]["cwd"] == str(tmp_path)
    assert asked[0]["arguments"] == ["build", SLUG, "--data", "data", "--format", "md"]
    assert asked[0]["program"] == "python -m docgen"
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "build" / SLUG).is_dir()


def test_ctrl_c_while_handing_over_is_not_lost(tmp_path: Path, data: Path, short_folder: Path):
    """Ctrl-C pressed before any build took the work on stops the command there."""
    command: list[subprocess.Popen[str]] = []

    def ctrl_c() -> None:
        command[0].send_signal(signal.SIGINT)
        time.sleep(0.5)  # the command has it before the answer comes

    with stale_warm(short_folder, before_answering=ctrl_c) as (env, asked):
        command.append(subprocess.Popen([sys.executable, "-m", "docgen", "build", SLUG, "--data", "data"], env=env,
                                        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        _, errors = command[0].communicate(timeout=120)
    assert asked and command[0].returncode == 1, errors
    assert "Aborted!" in errors and not (tmp_path / "build").exists()


def test_starting_stopping_and_stopping_by_itself(tmp_path: Path, data: Path, short_folder: Path):
    """Started, docgen warm runs builds; builds back to back stop the process getting ready
    for the next one (the second comes while it rehearses); after its idle time it stops,
    and neither it nor its processes leave a file in the temporary folder."""
    scratch = short_folder / "tmp"
    scratch.mkdir()
    env = {**os.environ, "DOCGEN_WARM_DIR": str(short_folder / "warm"), "TMPDIR": str(scratch)}
    started = docgen("warm", "--minutes", "0.15", env=env, cwd=tmp_path)
    assert started.returncode == 0 and "ready" in started.stdout, started.stderr
    assert "already running" in docgen("warm", env=env, cwd=tmp_path).stdout
    for _ in range(2):
        assert docgen("build", SLUG, "--data", "data", "--format", "md", env=env, cwd=tmp_path).returncode == 0
    wait_for(lambda: not list((short_folder / "warm").glob("*.sock")), timeout=60, what="docgen warm to stop by itself")
    log_file = next((short_folder / "warm").glob("*.log"))
    # It logs "stopped" last, once its builds and the process standing by have ended.
    wait_for(lambda: log_file.read_text(encoding="utf-8").rstrip().endswith("stopped"), timeout=30, what="its last line")
    log = log_file.read_text(encoding="utf-8")
    assert "stopping: no build for a while" in log and log.rstrip().endswith("stopped")
    assert "warming up" not in log  # the starter municipality was built, through `docgen build`
    assert len(builds_logged(env)) == 2
    assert "was not running" in docgen("warm", "--stop", env=env, cwd=tmp_path).stdout
    wait_for(lambda: not list(scratch.iterdir()), timeout=30, what="the temporary folder to be empty")


def test_a_changed_template_or_code_file_is_noticed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """What docgen warm compares before each build: docgen's code and templates as they
    are on disk now, not as they were when first read."""
    from docgen import fingerprint
    from docgen.paths import PACKAGE, TEMPLATES

    monkeypatch.setattr(fingerprint, "TEMPLATES", shutil.copytree(TEMPLATES, tmp_path / "templates"))
    monkeypatch.setattr(fingerprint, "PACKAGE", shutil.copytree(PACKAGE, tmp_path / "docgen"))
    loaded = fingerprint.of_code_and_templates()
    assert fingerprint.of_code_and_templates() == loaded
    css = tmp_path / "templates" / "html" / "css" / "print.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
    edited = fingerprint.of_code_and_templates()
    assert edited != loaded
    code = tmp_path / "docgen" / "warm.py"
    code.write_text(code.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert fingerprint.of_code_and_templates() not in (loaded, edited)


def test_a_dismissal_cannot_cut_short_a_spares_stopping_its_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The server closes a spare's channel, then signals it: a spare already ending got the
    signal while it stopped its workers, after they were stopped and before their folder
    was removed, which stayed. Here the signal comes at the start of the stopping, and the
    stopping still ends (the spare is a fork of this process, patched)."""
    from docgen import warm_server, workers

    finished = tmp_path / "finished"

    def stop_standing() -> None:
        os.kill(os.getpid(), signal.SIGUSR1)  # (after fork the spare has one thread)
        time.sleep(0.2)
        finished.touch()

    monkeypatch.setattr(warm_server, "_stand_by", lambda channel, after: None)
    monkeypatch.setattr(workers, "stop_standing", stop_standing)
    previous = signal.signal(signal.SIGUSR1, warm_server._dismissed)
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
            spare = warm_server._Spare(listener, after=None)
            _, status = os.waitpid(spare._pid, 0)
    finally:
        signal.signal(signal.SIGUSR1, previous)
    assert os.waitstatus_to_exitcode(status) == 1  # it ended as a spare ends
    assert finished.is_file()
