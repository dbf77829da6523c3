"""The GitHub workflows' steps, bash and git, run on dry-run inputs."""
