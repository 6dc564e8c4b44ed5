"""Synthetic articles for the benchmark: realistic length and structure, tags from data/."""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from pathlib import Path

from scripts.common.paths import REPO, Project
from scripts.model.registry import load_registry

SENTENCES = [
    "{company} a présenté cette semaine une nouvelle génération de produits destinée aux entreprises.",
    "Selon plusieurs analystes, {company} cherche surtout à consolider sa position face à ses concurrents.",
    "Le marché reste très disputé, et les annonces se succèdent à un rythme soutenu depuis le début de l’année.",
    "Les chercheurs interrogés saluent une avancée réelle, tout en appelant à la prudence sur les chiffres avancés.",
    "Cette décision pourrait redistribuer les cartes dans un secteur où les positions semblaient acquises.",
    "Les détails techniques restent rares, mais la présentation laisse entrevoir une feuille de route ambitieuse.",
    "Du côté des utilisateurs, les premiers retours sont plutôt positifs, malgré quelques réserves sur le prix.",
    "L’entreprise promet des mises à jour régulières et une documentation complète pour les développeurs.",
]
HEADINGS = ["Ce qui change", "Un marché sous tension", "Les réactions", "Et maintenant ?", "Les chiffres clés"]
NOISE = ["Advertisement", "Suivez-nous sur notre page Facebook et notre canal Telegram", "Partager"]


def _signal(pattern: str) -> str:
    """A plain phrase that a topic's signal pattern matches (its first alternative, unadorned)."""
    text = pattern.split("|")[0]
    text = re.sub(r"\(([^()]*)\)\?", "", text)
    text = re.sub(r"\[([^\]]*)\]", lambda m: m.group(1)[0], text)
    text = re.sub(r"[()?\\]", "", text).replace("d+", "3")
    return text.strip()


def make_source(index: int, rng: random.Random, companies: list, topics: list) -> tuple[str, list[str], list[str]]:
    """One scraped-looking French article: (text, its companies, its topic ids)."""
    picked_companies = rng.sample(companies, 2)
    picked_topics = rng.sample(topics, 3)
    first = picked_companies[0].name
    phrases = [_signal(t.signals["fr"][0]) for t in picked_topics]
    lines = [f"{first} mise sur {phrases[0]} : l’annonce n° {index} du secteur", ""]
    lines += [f"{first} annonce une initiative autour de {phrases[0]} et de {phrases[1]}. " + SENTENCES[2], ""]
    lines += [rng.choice(NOISE), ""]
    for section in range(3):
        lines += [HEADINGS[(index + section) % len(HEADINGS)], ""]
        for _ in range(2):
            company = picked_companies[rng.randrange(2)].name
            chosen = rng.sample(SENTENCES, 4)
            topic_phrase = phrases[(section + 1) % 3]
            paragraph = " ".join(s.format(company=company) for s in chosen)
            lines += [f"{paragraph} Le sujet de {topic_phrase} revient dans toutes les discussions.", ""]
        if section == 1:
            lines += [f"• {s.format(company=first)}" for s in rng.sample(SENTENCES, 3)] + [""]
    lines += [f"{picked_companies[1].name} suit le mouvement, avec {phrases[2]} en ligne de mire.", ""]
    lines += ["Laisser un commentaire", "Très bon article, merci !"]
    return "\n".join(lines), [c.name for c in picked_companies], [t.id for t in picked_topics]


def make_project(root: Path, count: int, seed: int = 7, base: Project = REPO) -> Project:
    """A project in `root` with `count` synthetic sources and their manifest, plus base's data files."""
    project = Project(root)
    shutil.copytree(base.data, project.data, dirs_exist_ok=True)
    project.sources.mkdir(parents=True, exist_ok=True)
    registry, _ = load_registry(project)
    rng = random.Random(seed)
    manifest = []
    start = dt.date(2023, 1, 1)
    for index in range(count):
        text, _, _ = make_source(index, rng, list(registry.companies), list(registry.topics))
        name = f"{index:05d}.txt"
        (project.sources / name).write_text(text, encoding="utf-8")
        manifest.append(f"{name}:\n  date: {start + dt.timedelta(days=index % 700)}\n")
    project.manifest.write_text("".join(manifest), encoding="utf-8")
    return project
