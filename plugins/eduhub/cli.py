"""`eduhub`: the staff tools. check, new issue, new event, and the safe deployment build.

`check` runs the very loaders the build runs (`load_content`), with Settings read from
mkdocs.yml. `build` runs `mkdocs build --strict` in a subprocess (this module imports no
MkDocs) into a fresh folder and swaps it in only when the build succeeded.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import sitedir
from .buildreport import REPORT_ENV, missing_files, read_report
from .content import load_content
from .errors import Problem
from .kit.checks import kit_notes
from .memo import open_for
from .safety.output import annotation_property, annotation_value, safe_line
from .scaffold import ScaffoldError, new_event, new_issue
from .settings import ProjectError, load_settings
from .spare import SPARE_ENV, spare_of
from .spare import supported as spare_supported
from .verify import missing_outputs


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except (ProjectError, ScaffoldError) as exc:
        print(safe_line(f"오류: {exc}"), file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eduhub", description="교육금천 사이트 도구: 내용 검사, 새 글 만들기, 안전한 빌드"
    )
    parser.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=Path("mkdocs.yml"),
        help="mkdocs.yml 위치 (기본: 현재 폴더의 mkdocs.yml)",
    )
    commands = parser.add_subparsers(metavar="명령")

    check = commands.add_parser("check", help="사이트를 만들지 않고 모든 내용과 행사를 검사합니다")
    check.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github: GitHub Actions가 PR의 해당 줄에 표시하는 형식도 함께 출력",
    )
    check.set_defaults(run=_check)

    new = commands.add_parser("new", help="새 소식지 호나 행사의 틀을 만듭니다")
    kinds = new.add_subparsers(metavar="종류")
    issue = kinds.add_parser("issue", help="다음 호 번호로 새 소식지 파일을 만듭니다")
    issue.add_argument("--number", type=int, help="호수 (기본: 다음 빈 번호)")
    issue.set_defaults(run=_new_issue)
    event = kinds.add_parser("event", help="행사 파일 끝에 새 행사 틀을 덧붙입니다")
    event.add_argument("--start", help="시작: 2026-12-05 또는 '2026-12-05 14:00'")
    event.add_argument("--category", help="행사 분류 슬러그 (예: briefing)")
    event.add_argument("--title", help="행사 이름")
    event.add_argument(
        "--file",
        help="덧붙일 파일 이름 (content/events/ 안, 기본: 시작일의 학기 파일 YYYY-spring.yml/YYYY-fall.yml)",
    )
    event.set_defaults(run=_new_event)

    build = commands.add_parser(
        "build", help="새 폴더에 엄격 모드로 빌드하고, 성공했을 때만 기존 사이트와 바꿉니다"
    )
    build.add_argument(
        "--site-dir", type=Path, default=Path("site"), help="공개할 폴더 (기본: site)"
    )
    build.set_defaults(run=_build)

    verify = commands.add_parser(
        "verify",
        help="빌드한 폴더에 피드·달력·검색 색인·행사와 소식지 페이지가 모두 있는지 확인합니다",
    )
    verify.add_argument("site_dir", type=Path, help="확인할 폴더 (예: site)")
    verify.set_defaults(run=_verify)
    return parser


def _check(args: argparse.Namespace) -> int:
    settings = load_settings(args.config_file)
    memo = open_for(settings.project_dir)
    content, problems = load_content(settings)
    memo.end_build()
    items = sorted(problems.items)
    for problem in items:
        print(safe_line(str(problem)))  # staff text never starts a line of its own
    if args.format == "github":
        for problem in items:
            print(_github_annotation(problem))
    if items:
        files = len({p.location.path for p in items})
        print(
            f"\n고칠 곳이 {len(items)}개 있습니다 (파일 {files}개). 위의 '파일:줄' 위치를 고친 뒤"
            " 다시 검사하세요. 고치기 전에는 사이트가 바뀌지 않습니다.",
            file=sys.stderr,
        )
        return 1
    print(
        f"문제 없음: 소식지 {len(content.issues)}호, 공지 {len(content.announcements)}건,"
        f" 행사 {len(content.events)}건, 프로그램 {len(content.programs)}개"
        f" (기준 시각 {settings.build_time:%Y-%m-%d %H:%M} 서울)"
    )
    waiting = sorted(content.held_back - content.drafts)
    if waiting:
        print(safe_line("날짜가 되면 공개될 글: " + ", ".join(waiting)))
    if content.drafts:
        print(safe_line("초안이라 공개되지 않는 글: " + ", ".join(sorted(content.drafts))))
    for note in kit_notes(content, settings):  # listed, never failing the check
        print(safe_line(f"알림: {note}"))
    return 0


def _github_annotation(problem: Problem) -> str:
    """A workflow command: GitHub shows it on the changed line of the pull request."""

    escape, escape_property = annotation_value, annotation_property
    message = problem.message + (f" ({problem.hint})" if problem.hint else "")
    title = f"{problem.field}" if problem.field else "내용 오류"
    return (
        f"::error file={escape_property(problem.location.path)},line={problem.location.line},"
        f"title={escape_property(title)}::{escape(message)}"
    )


def _verify(args: argparse.Namespace) -> int:
    settings = load_settings(args.config_file)
    content, problems = load_content(settings)
    if problems:
        print(
            "내용에 고칠 곳이 있어 확인할 수 없습니다. 먼저 `eduhub check`를 실행하세요.",
            file=sys.stderr,
        )
        return 1
    return _report_missing(args.site_dir, missing_outputs(args.site_dir, settings, content))


def _report_missing(site_dir: Path, missing: list[str]) -> int:
    if not missing:
        print(f"확인 완료: {site_dir}에 약속한 파일이 모두 있습니다.")
        return 0
    for relative in missing:
        print(f"{site_dir / relative}: 없거나 비어 있습니다", file=sys.stderr)
    print(
        f"\n약속한 파일 {len(missing)}개가 없습니다. eduhub 플러그인이 빌드에서 빠졌을 수 있습니다"
        " (mkdocs.yml의 plugins 확인).",
        file=sys.stderr,
    )
    return 1


def _new_issue(args: argparse.Namespace) -> int:
    settings = load_settings(args.config_file)
    path = new_issue(settings, number=args.number)
    print(f"만들었습니다: {settings.display_path(path)}")
    print("제목과 요약을 채우고, 다 쓰면 draft: true 줄을 지운 뒤 `eduhub check`로 검사하세요.")
    return 0


def _new_event(args: argparse.Namespace) -> int:
    settings = load_settings(args.config_file)
    path, event_id, line = new_event(
        settings, start=args.start, category=args.category, title=args.title, file=args.file
    )
    print(f"{settings.display_path(path)}:{line}: 새 행사 '{event_id}'를 덧붙였습니다")
    print(
        "빈 칸을 채운 뒤 `eduhub check`로 검사하세요. id는 바꾸지 마세요 (캘린더 구독자에게 필요합니다)."
    )
    return 0


def _build(args: argparse.Namespace) -> int:
    """Build into a fresh sibling folder; replace the live folder only after success. One
    build at a time per project (the build cache takes unchanged pages from the live
    folder while it builds): a second waits for the first."""
    with _one_build(args.config_file.resolve().parent / ".cache" / "eduhub" / "build.lock"):
        return _build_locked(args)


@contextmanager
def _one_build(lock: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # (no flock on this system: builds are not serialised)
        yield
        return
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("다른 eduhub build가 끝나기를 기다립니다...", file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build_locked(args: argparse.Namespace) -> int:
    config_file = args.config_file.resolve()
    # One build time for the build and the check of its output (a date may tick over between).
    environ = os.environ.copy()
    environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time())))
    settings = load_settings(config_file, environ=environ)  # a broken mkdocs.yml stops here
    live = args.site_dir if args.site_dir.is_absolute() else Path.cwd() / args.site_dir
    live.parent.mkdir(parents=True, exist_ok=True)
    fresh = sitedir.new_build_dir(live)  # also removes folders left by a killed build
    environ["EDUHUB_PREVIOUS_SITE"] = str(live)  # the cache reuses pages from it, read-only
    # The site before the live one: the cache makes it into the output (spare.py).
    spare = spare_of(live)
    claimed = sitedir.claim(spare, live)
    if claimed is not None:
        environ[SPARE_ENV] = str(claimed)
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--clean",
        "-f",
        str(config_file),
        "-d",
        str(fresh),
    ]
    with tempfile.TemporaryDirectory(prefix="eduhub-build-") as reports:
        report_file = Path(reports) / "report.json"
        environ[REPORT_ENV] = str(report_file)  # (the plugin writes it when the build succeeded)
        result = subprocess.run(command, cwd=config_file.parent, env=environ)
        report = read_report(report_file) if result.returncode == 0 else None
    if result.returncode != 0:
        sitedir.discard(fresh)
        sitedir.give_back(claimed, spare)
        state = f"기존 사이트({live})는 그대로입니다" if live.exists() else "공개된 것은 없습니다"
        print(
            f"\n빌드에 실패했습니다 (mkdocs 종료 코드 {result.returncode}). {state}.\n"
            "위에 나온 이유를 고친 뒤 다시 빌드하세요. 내용 오류는 `eduhub check`로 한꺼번에 볼 수 있습니다.",
            file=sys.stderr,
        )
        return 1
    # Nothing changed: the build cache found the live folder exactly as the build with these
    # very inputs left it, and made nothing new (the new folder is empty): it stays.
    output = live if report is not None and report.unchanged else fresh
    if report is not None and report.promised is not None:
        problems, missing = False, missing_files(output, report.promised)
    else:
        # No report: the plugin did not run, or knew no list. The content is loaded here, from
        # the memo the build just wrote (read only, as `eduhub check` does).
        open_for(settings.project_dir)
        content, found = load_content(settings)
        problems = bool(found)
        missing = [] if problems else missing_outputs(output, settings, content)
    if problems or missing:
        sitedir.discard(fresh)
        sitedir.give_back(claimed, spare)
        if missing:
            _report_missing(output, missing)
        print(f"새 사이트를 공개하지 않았습니다. {live}는 그대로입니다.", file=sys.stderr)
        return 1
    if output == live:
        sitedir.discard(fresh)
        sitedir.give_back(claimed, spare)
        print(f"빌드 성공: 바뀐 입력이 없어 {live}를 그대로 둡니다.")
        return 0
    # One atomic exchange on Linux: never a moment without it. The old site is the spare.
    sitedir.swap_in(fresh, live, keep=spare if spare_supported() else None)
    if claimed is not None:
        sitedir.remove(claimed)  # (an older spare the build did not use: none when it did)
    print(f"빌드 성공: {live}를 새 사이트로 바꿨습니다.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
