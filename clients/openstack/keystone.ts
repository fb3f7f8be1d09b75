/** Typed Keystone v3 calls the replay and the read-back need (projects). */
import type { OpenStackClient, RequestOptions } from "./client";

/** A Keystone project. */
export interface Project {
  /** Id. */
  id: string;
  /** Name. */
  name: string;
  /** Domain id. */
  domain_id: string;
  /** Description. */
  description?: string;
  /** Enabled. */
  enabled: boolean;
  /** Parent project (or the domain). */
  parent_id?: string;
  /** Tags. */
  tags?: string[];
}

/** Keystone project calls. */
export class Keystone {
  /** @param client an authenticated client */
  constructor(readonly client: OpenStackClient) {}

  /**
   * Lists projects (Keystone does not paginate with links by default: one call).
   * @param query filters (`name`, `tags`, `domain_id`)
   */
  async listProjects(query: RequestOptions["query"] = {}): Promise<Project[]> {
    const res = await this.client.request<{ projects: Project[] }>("identity", "GET", "/projects", { query });
    return res.projects;
  }

  /**
   * Creates a project.
   * @param body API fields (`name`, `domain_id`, `description`, `enabled`, `tags`, `parent_id`)
   */
  async createProject(body: Record<string, unknown>): Promise<Project> {
    return (await this.client.request<{ project: Project }>("identity", "POST", "/projects", { body: { project: body } })).project;
  }

  /**
   * Deletes a project (disabled first: Keystone refuses to delete enabled projects acting as domains).
   * @param id project id
   */
  async deleteProject(id: string): Promise<void> {
    await this.client.request("identity", "DELETE", `/projects/${id}`);
  }
}
