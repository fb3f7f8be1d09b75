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

/** A Keystone group or role (the fields the replay uses). */
export interface NamedEntity {
  /** Id. */
  id: string;
  /** Name. */
  name: string;
  /** Description. */
  description?: string;
}

/** Keystone project, group and role calls. */
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

  /**
   * Creates a group.
   * @param body API fields (`name`, `description`, `domain_id`)
   */
  async createGroup(body: Record<string, unknown>): Promise<NamedEntity> {
    return (await this.client.request<{ group: NamedEntity }>("identity", "POST", "/groups", { body: { group: body } })).group;
  }

  /**
   * Deletes a group.
   * @param id group id
   */
  async deleteGroup(id: string): Promise<void> {
    await this.client.request("identity", "DELETE", `/groups/${id}`);
  }

  /**
   * Lists roles.
   * @param query filters (`name`)
   */
  async listRoles(query: RequestOptions["query"] = {}): Promise<NamedEntity[]> {
    return (await this.client.request<{ roles: NamedEntity[] }>("identity", "GET", "/roles", { query })).roles;
  }

  /**
   * The id of the role named `name`, created when the cloud lacks it (Keystone's bootstrap makes
   * `admin`, `member` and `reader` since Rocky; older or trimmed clouds may miss `member`).
   * @param name role name
   */
  async ensureRole(name: string): Promise<string> {
    const found = (await this.listRoles({ name }))[0];
    if (found) return found.id;
    return (await this.client.request<{ role: NamedEntity }>("identity", "POST", "/roles", { body: { role: { name } } })).role.id;
  }

  /**
   * Grants or revokes a role: `/{scope}/{scopeId}/{actor}/{actorId}/roles/{roleId}`.
   * @param path the assignment's path segments
   * @param grant true to grant (PUT), false to revoke (DELETE)
   */
  async roleAssignment(path: { scope: string; scopeId: string; actor: string; actorId: string; roleId: string }, grant: boolean): Promise<void> {
    await this.client.request("identity", grant ? "PUT" : "DELETE", `/${path.scope}/${path.scopeId}/${path.actor}/${path.actorId}/roles/${path.roleId}`);
  }
}
